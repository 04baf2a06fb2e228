import { CopyOutlined, FileWordOutlined, PlusOutlined } from '@ant-design/icons';
import { planStatusLabels } from '@jinguo/common/labels.zh-CN.ts';
import type { PlanSummary } from '@jinguo/common/plans.schema.ts';
import { App, Button, Card, Empty, Form, Input, InputNumber, Modal, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PageSkeleton } from '../../components/PageSkeleton.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { errorText, showFieldErrors } from '../../lib/errors.ts';
import { useCurrentUser } from '../auth/auth.api.ts';
import { OrgPickerField } from '../orgs/OrgPickerField.tsx';
import { currentYear, planStatusColors } from './plan-labels.ts';
import { useCopyPlan, useCreatePlan, usePlans } from './plans.api.ts';

type NewPlan = { orgId: string; year: number; title: string };

function CreatePlanModal({ year, open, onClose }: { year: number; open: boolean; onClose: () => void }) {
  const me = useCurrentUser();
  const [form] = Form.useForm<NewPlan>();
  const create = useCreatePlan();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const submit = (v: NewPlan) =>
    create.mutate(v, {
      onSuccess: (plan) => {
        message.success('计划已建立');
        navigate(`/plans/${plan.id}`);
      },
      onError: (err) => showFieldErrors(form, err).forEach((m) => message.error(m)),
    });
  return (
    <Modal open={open} title="新建工作计划" onCancel={onClose} onOk={() => form.submit()} okText="建立" cancelText="取消" confirmLoading={create.isPending} destroyOnHidden>
      <Form<NewPlan> form={form} layout="vertical" preserve={false} initialValues={{ orgId: me.org.id, year, title: `${me.org.name}${year}年工作要点` }} onFinish={submit}>
        <Form.Item label="计划所属组织" name="orgId" rules={[{ required: true, message: '请选择组织' }]}>
          <OrgPickerField />
        </Form.Item>
        <Form.Item label="年度" name="year" rules={[{ required: true, message: '请输入年度' }]}>
          <InputNumber min={2000} max={2100} precision={0} inputMode="numeric" />
        </Form.Item>
        <Form.Item label="计划名称" name="title" rules={[{ required: true, whitespace: true, message: '请输入计划名称' }]}>
          <Input maxLength={100} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function PlanCard({ plan }: { plan: PlanSummary }) {
  const navigate = useNavigate();
  const copy = useCopyPlan();
  const { message, modal } = App.useApp();
  const copyToNextYear = () =>
    modal.confirm({
      title: `以此计划为底稿建立 ${plan.year + 1} 年计划？`,
      content: '任务和目标（含已分解的部分）都会复制，期间和期限顺延一年，目标值保留，新计划为草稿。',
      okText: '复制',
      cancelText: '取消',
      onOk: () =>
        copy.mutateAsync({ id: plan.id, year: plan.year + 1 }).then(
          (p) => navigate(`/plans/${p.id}`),
          (err) => message.error(errorText(err)),
        ),
    });
  return (
    <Card size="small" className="jg-list-card" role="listitem" tabIndex={0} onClick={() => navigate(`/plans/${plan.id}`)} onKeyDown={(e) => e.key === 'Enter' && navigate(`/plans/${plan.id}`)}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <div>
          <Typography.Text strong style={{ fontSize: 16 }}>{plan.title}</Typography.Text>
          <div className="jg-muted" style={{ fontSize: 13, marginTop: 4 }}>
            {plan.orgName} · {plan.year}年 <Tag color={planStatusColors[plan.status]} style={{ marginInlineStart: 6 }}>{planStatusLabels[plan.status]}</Tag>
            {plan.copiedFromId ? <span>由上年计划复制</span> : null}
          </div>
        </div>
        {plan.mayEdit ? (
          <Button icon={<CopyOutlined aria-hidden />} onClick={(e) => { e.stopPropagation(); copyToNextYear(); }}>
            复制为{plan.year + 1}年计划
          </Button>
        ) : null}
      </Space>
    </Card>
  );
}

/** last year's plans the actor may copy into this year */
function LastYearPlans({ year }: { year: number }) {
  const last = usePlans(year - 1);
  const mine = (last.data?.items ?? []).filter((p) => p.mayEdit);
  if (mine.length === 0) return null;
  return (
    <div className="jg-card-list" role="list" style={{ marginTop: 16 }}>
      <Typography.Text type="secondary">{year - 1}年的计划：</Typography.Text>
      {mine.map((p) => <PlanCard key={p.id} plan={p} />)}
    </div>
  );
}

export function PlanListPage() {
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year')) || currentYear();
  const plans = usePlans(year);
  const [creating, setCreating] = useState(false);
  const navigate = useNavigate();
  const mayCreate = me.user.role !== 'executive';
  const years = Array.from({ length: 6 }, (_, i) => currentYear() + 1 - i);
  return (
    <>
      <PageHeader
        title="工作计划"
        extra={
          mayCreate ? (
            <Space wrap>
              <Button icon={<FileWordOutlined aria-hidden />} onClick={() => navigate('/plans/import')}>从文档导入</Button>
              <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>新建计划</Button>
            </Space>
          ) : null
        }
      />
      <div className="jg-toolbar">
        <Select aria-label="年度" value={year} style={{ width: 120 }} options={years.map((y) => ({ value: y, label: `${y}年` }))} onChange={(y) => setParams({ year: String(y) })} />
      </div>
      {plans.isPending ? (
        <PageSkeleton />
      ) : plans.isError ? (
        <QueryError error={plans.error} onRetry={() => plans.refetch()} />
      ) : plans.data.items.length === 0 ? (
        <>
          <Empty description={`${year}年还没有工作计划${mayCreate ? '，可新建，或以上一年的计划为底稿复制' : ''}`} />
          {mayCreate ? <LastYearPlans year={year} /> : null}
        </>
      ) : (
        <div className="jg-card-list" role="list">
          {plans.data.items.map((p) => <PlanCard key={p.id} plan={p} />)}
        </div>
      )}
      <CreatePlanModal year={year} open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
