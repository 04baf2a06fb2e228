import { FileWordOutlined, SettingOutlined } from '@ant-design/icons';
import type { DocumentSummary } from '@jinguo/common/documents.schema.ts';
import { periodLabel } from '@jinguo/common/periods.ts';
import { App, Button, Card, Empty, Form, Select, Space, Typography } from 'antd';
import { useEffect } from 'react';
import { Link, useNavigate } from 'react-router';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PageSkeleton } from '../../components/PageSkeleton.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { UrlPagination } from '../../components/UrlPagination.tsx';
import { showFieldErrors } from '../../lib/errors.ts';
import { formatMoment } from '../../lib/format-time.ts';
import { pageOf, useUrlState } from '../../lib/search-params.ts';
import { useCurrentUser } from '../auth/auth.api.ts';
import { OrgPickerField } from '../orgs/OrgPickerField.tsx';
import { recentPeriodOptions } from '../reports/report-labels.ts';
import { templateLabel } from './document-labels.ts';
import { useCreateDocument, useDocTemplates, useDocuments } from './documents.api.ts';
import './documents.css';

const PAGE_SIZE = 20;
type NewDocument = { templateId: string; orgId: string; period: string };

/** pick a template, an org and a period: the draft is made from the records and opened for editing */
function GenerateCard() {
  const me = useCurrentUser();
  const templates = useDocTemplates();
  const create = useCreateDocument();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<NewDocument>();
  const active = (templates.data?.items ?? []).filter((t) => t.active);
  const templateId = Form.useWatch('templateId', form);
  const chosen = active.find((t) => t.id === templateId);
  const periods = chosen ? recentPeriodOptions(chosen.periodType, chosen.periodType === 'year' ? 5 : chosen.periodType === 'quarter' ? 8 : 12) : [];
  useEffect(() => {
    if (!templateId && active[0]) form.setFieldsValue({ templateId: active[0].id });
  }, [active, templateId, form]);
  useEffect(() => {
    if (chosen) form.setFieldsValue({ period: recentPeriodOptions(chosen.periodType, 1)[0].value });
  }, [chosen, form]);
  const submit = (v: NewDocument) =>
    create.mutate(v, {
      onSuccess: (d) => {
        message.success('草稿已生成，数字取自记录');
        navigate(`/documents/${d.id}`);
      },
      onError: (err) => showFieldErrors(form, err).forEach((m) => message.error(m)),
    });
  return (
    <Card size="small" title="生成文书" style={{ marginBottom: 16 }}>
      <Form<NewDocument> form={form} layout="vertical" initialValues={{ orgId: me.org.id }} onFinish={submit}>
        <Space wrap align="start" size={[12, 0]} style={{ width: '100%' }} className="jg-doc-generate">
          <Form.Item label="模板" name="templateId" rules={[{ required: true, message: '请选择模板' }]} style={{ minWidth: 240 }}>
            <Select aria-label="模板" loading={templates.isPending} options={active.map((t) => ({ value: t.id, label: templateLabel(t) }))} />
          </Form.Item>
          <Form.Item label="组织" name="orgId" rules={[{ required: true, message: '请选择组织' }]} style={{ minWidth: 220 }}>
            <OrgPickerField />
          </Form.Item>
          <Form.Item label="期间" name="period" rules={[{ required: true, message: '请选择期间' }]} style={{ minWidth: 160 }}>
            <Select aria-label="期间" options={periods} />
          </Form.Item>
          <Form.Item label=" " className="jg-doc-generate-submit">
            <Button type="primary" htmlType="submit" icon={<FileWordOutlined aria-hidden />} loading={create.isPending}>生成草稿</Button>
          </Form.Item>
        </Space>
      </Form>
    </Card>
  );
}

function DocumentCard({ d }: { d: DocumentSummary }) {
  const navigate = useNavigate();
  const open = () => navigate(`/documents/${d.id}`);
  return (
    <Card size="small" className="jg-list-card" role="listitem" tabIndex={0} onClick={open} onKeyDown={(e) => e.key === 'Enter' && open()}>
      <Typography.Text strong style={{ fontSize: 16 }}>{d.title}</Typography.Text>
      <div className="jg-muted" style={{ fontSize: 13, marginTop: 4 }}>
        {d.orgName} · {periodLabel(d.period)} · {d.templateName} · 修改于 {formatMoment(d.updatedAt)}
      </div>
    </Card>
  );
}

/** the Word reports of the actor's subtree, and making a new one */
export function DocumentListPage() {
  const me = useCurrentUser();
  const [params] = useUrlState();
  const page = pageOf(params);
  const list = useDocuments({ page, pageSize: PAGE_SIZE });
  const mayWrite = me.user.role !== 'executive';
  return (
    <>
      <PageHeader
        title="文书报告"
        extra={mayWrite ? <Link to="/doc-templates"><Button icon={<SettingOutlined aria-hidden />}>模板设置</Button></Link> : null}
      />
      {mayWrite ? <GenerateCard /> : null}
      {list.isPending ? (
        <PageSkeleton />
      ) : list.isError ? (
        <QueryError error={list.error} onRetry={() => list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <Empty description={mayWrite ? '还没有文书，选择模板、组织和期间生成一份草稿' : '还没有文书'} />
      ) : (
        <div className="jg-card-list" role="list" aria-label="文书列表">
          {list.data.items.map((d) => <DocumentCard key={d.id} d={d} />)}
        </div>
      )}
      <UrlPagination page={page} pageSize={PAGE_SIZE} total={list.data?.total} unit="份" />
    </>
  );
}
