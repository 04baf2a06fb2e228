import type { PlanImportDraft } from '@jinguo/common/plan-import.schema.ts';
import { App, Button, Card, Form, Input, InputNumber, Radio, Select, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { showFieldErrors } from '../../lib/errors.ts';
import { useCurrentUser } from '../auth/auth.api.ts';
import { OrgPickerField } from '../orgs/OrgPickerField.tsx';
import { currentYear } from './plan-labels.ts';
import { forgetImportState, saveContent, type Review } from './plan-import-state.ts';
import { useSavePlanImport } from './plan-import.api.ts';
import { usePlans } from './plans.api.ts';

type Values = { into: 'new' | 'existing'; orgId: string; year: number; title: string; planId?: string };
type Props = { draft: PlanImportDraft; review: Review; counts: { tasks: number; targets: number }; blocked: string | null };

/** step 3: where to save (a new draft plan or a chosen draft), then save everything in one request */
export function PlanImportSave({ draft, review, counts, blocked }: Props) {
  const me = useCurrentUser();
  const [form] = Form.useForm<Values>();
  const into = Form.useWatch('into', form) ?? 'new';
  const year = Form.useWatch('year', form) ?? draft.year ?? currentYear();
  const plans = usePlans(year);
  const drafts = (plans.data?.items ?? []).filter((p) => p.status === 'draft' && p.mayEdit);
  const save = useSavePlanImport();
  const navigate = useNavigate();
  const { message } = App.useApp();

  const submit = (v: Values) => {
    const content = saveContent(draft, review, v.into === 'existing' ? (drafts.find((p) => p.id === v.planId)?.year ?? v.year) : v.year);
    const input = v.into === 'existing' && v.planId ? { planId: v.planId, body: content } : { planId: null, body: { ...content, orgId: v.orgId, year: v.year, title: v.title } };
    save.mutate(input, {
      onSuccess: (r) => {
        message.success(`已保存 ${r.tasks} 项任务、${r.targets} 个目标${r.metricsCreated ? `，新建指标 ${r.metricsCreated} 个` : ''}`);
        forgetImportState();
        navigate(`/plans/${r.planId}`);
      },
      onError: (err) => showFieldErrors(form, err).forEach((m) => message.error(m)),
    });
  };

  const initialYear = draft.year ?? currentYear();
  return (
    <Card size="small" title="第三步：保存为计划" style={{ marginTop: 16 }}>
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ into: 'new', orgId: me.org.id, year: initialYear, title: draft.title ?? `${me.org.name}${initialYear}年工作计划` }}
      >
        <Form.Item name="into">
          <Radio.Group optionType="button" options={[{ value: 'new', label: '新建计划草稿' }, { value: 'existing', label: '加入已有草稿' }]} />
        </Form.Item>
        <Form.Item label="年度" name="year" rules={[{ required: true, message: '请输入年度' }]}>
          <InputNumber min={2000} max={2100} precision={0} inputMode="numeric" />
        </Form.Item>
        {into === 'new' ? (
          <>
            <Form.Item label="计划所属组织" name="orgId" rules={[{ required: true, message: '请选择组织' }]}>
              <OrgPickerField />
            </Form.Item>
            <Form.Item label="计划名称" name="title" rules={[{ required: true, whitespace: true, message: '请输入计划名称' }]}>
              <Input maxLength={100} />
            </Form.Item>
          </>
        ) : (
          <Form.Item label="草稿计划" name="planId" rules={[{ required: true, message: '请选择要加入的草稿计划' }]}>
            <Select loading={plans.isPending} options={drafts.map((p) => ({ value: p.id, label: `${p.title}（${p.orgName}）` }))} notFoundContent={`${year}年没有可加入的草稿计划`} />
          </Form.Item>
        )}
        <Typography.Paragraph>
          将保存 <strong data-testid="import-task-count">{counts.tasks}</strong> 项任务、<strong data-testid="import-target-count">{counts.targets}</strong> 个目标（目标计入计划所属组织，期间为全年，完成期限为原文所写的期限或年底，保存后可在计划中修改和分解）。
        </Typography.Paragraph>
        {blocked ? <Typography.Paragraph type="danger">{blocked}</Typography.Paragraph> : null}
        <Button type="primary" htmlType="submit" block size="large" loading={save.isPending} disabled={!!blocked}>
          保存为计划
        </Button>
      </Form>
    </Card>
  );
}
