import { ArrowDownOutlined, ArrowUpOutlined, CopyOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { docTemplateKindLabels } from '@jinguo/common/labels.zh-CN.ts';
import { headingNumbers, type DocSection, type DocTemplateView } from '@jinguo/common/documents.schema.ts';
import { App, Button, Card, Collapse, Empty, Form, Input, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PageSkeleton } from '../../components/PageSkeleton.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { errorText, showFieldErrors } from '../../lib/errors.ts';
import { useUrlState } from '../../lib/search-params.ts';
import { useActivityKinds } from '../activities/activities.api.ts';
import { useCurrentUser } from '../auth/auth.api.ts';
import { useMetrics } from '../metrics/metrics.api.ts';
import { levelOptions, placeholderHelp } from './document-labels.ts';
import { useCreateDocTemplate, useDocTemplates, useUpdateDocTemplate } from './documents.api.ts';
import './documents.css';

const periodTypeLabels = { year: '年度', quarter: '季度', month: '月度' } as const;
type TemplateForm = { name: string; title: string; periodType: DocTemplateView['periodType']; active: boolean; sections: DocSection[] };

/** the placeholders and the codes of the metrics and activity kinds they may name */
function PlaceholderHelp() {
  const metrics = useMetrics();
  const kinds = useActivityKinds();
  const derived = (metrics.data?.items ?? []).filter((m) => m.source === 'derived' && m.active);
  const codeTable = (rows: { code: string; name: string; unit?: string }[], prefix: string) => (
    <Table
      size="small"
      pagination={false}
      rowKey="code"
      dataSource={rows}
      scroll={{ x: true }}
      columns={[
        { title: '名称', dataIndex: 'name' },
        { title: '占位符', dataIndex: 'code', render: (c: string) => <Typography.Text code copyable>{`{{${prefix}:${c}}}`}</Typography.Text> },
      ]}
    />
  );
  return (
    <Collapse
      className="jg-placeholder-help"
      style={{ marginBottom: 16 }}
      items={[
        {
          key: 'syntax',
          label: '占位符写法（生成时按记录填入数字，每个数字都链接到它的记录）',
          children: (
            <Table
              size="small"
              pagination={false}
              rowKey="syntax"
              dataSource={placeholderHelp}
              columns={[
                { title: '写法', dataIndex: 'syntax', render: (s: string) => <Typography.Text code>{s}</Typography.Text> },
                { title: '含义', dataIndex: 'means' },
              ]}
            />
          ),
        },
        { key: 'metrics', label: `可用的指标（${derived.length}）`, children: codeTable(derived, '指标') },
        { key: 'kinds', label: `可用的活动类型（${kinds.data?.items.length ?? 0}）`, children: codeTable(kinds.data?.items ?? [], '活动') },
      ]}
    />
  );
}

function SectionsField() {
  return (
    <Form.List name="sections">
      {(fields, { add, remove, move }) => (
        <Space direction="vertical" style={{ width: '100%' }}>
          {fields.map((field, i) => (
            <Card key={field.key} size="small" title={`第 ${i + 1} 部分`} extra={
              <Space size={0}>
                <Button type="text" size="small" icon={<ArrowUpOutlined aria-hidden />} disabled={i === 0} onClick={() => move(i, i - 1)} aria-label="上移" />
                <Button type="text" size="small" icon={<ArrowDownOutlined aria-hidden />} disabled={i === fields.length - 1} onClick={() => move(i, i + 1)} aria-label="下移" />
                <Button type="text" size="small" danger icon={<DeleteOutlined aria-hidden />} disabled={fields.length === 1} onClick={() => remove(i)} aria-label="删除此部分" />
              </Space>
            }>
              <Space wrap align="start" style={{ width: '100%' }}>
                <Form.Item name={[field.name, 'level']} label="层级" style={{ minWidth: 180 }}><Select options={levelOptions} aria-label="层级" /></Form.Item>
                <Form.Item name={[field.name, 'title']} label="标题（序号自动生成）" rules={[{ required: true, whitespace: true, message: '请填写标题' }]} style={{ minWidth: 220 }}>
                  <Input maxLength={60} />
                </Form.Item>
              </Space>
              <Form.Item name={[field.name, 'body']} label="正文" style={{ marginBottom: 0 }}>
                <Input.TextArea autoSize={{ minRows: 2, maxRows: 10 }} maxLength={8000} />
              </Form.Item>
            </Card>
          ))}
          <Button icon={<PlusOutlined aria-hidden />} onClick={() => add({ level: 1, title: '', body: '' })}>添加一部分</Button>
        </Space>
      )}
    </Form.List>
  );
}

function TemplateEditor({ template }: { template: DocTemplateView }) {
  const update = useUpdateDocTemplate();
  const { message } = App.useApp();
  const [form] = Form.useForm<TemplateForm>();
  const submit = (v: TemplateForm) =>
    update.mutate(
      { id: template.id, ...v, sections: v.sections.map((s) => ({ ...s, body: s.body ?? '' })) },
      { onSuccess: () => message.success('模板已保存'), onError: (err) => showFieldErrors(form, err).forEach((m) => message.error(m)) },
    );
  return (
    <Form<TemplateForm> key={template.id} form={form} layout="vertical" initialValues={template} onFinish={submit}>
      <Space wrap align="start" style={{ width: '100%' }}>
        <Form.Item name="name" label="模板名称" rules={[{ required: true, whitespace: true, message: '请填写名称' }]} style={{ minWidth: 200 }}><Input maxLength={40} /></Form.Item>
        <Form.Item name="periodType" label="期间" style={{ minWidth: 120 }}>
          <Select options={Object.entries(periodTypeLabels).map(([value, label]) => ({ value, label }))} aria-label="期间" />
        </Form.Item>
        <Form.Item name="active" label="启用" valuePropName="checked"><Switch /></Form.Item>
      </Space>
      <Form.Item name="title" label="文件标题" rules={[{ required: true, whitespace: true, message: '请填写标题' }]}><Input maxLength={80} /></Form.Item>
      <SectionsField />
      <Button type="primary" htmlType="submit" loading={update.isPending} style={{ marginTop: 16 }}>保存模板</Button>
    </Form>
  );
}

function TemplateView({ template, onCopied }: { template: DocTemplateView; onCopied: (id: string) => void }) {
  const me = useCurrentUser();
  const create = useCreateDocTemplate();
  const { message } = App.useApp();
  const numbers = headingNumbers(template.sections.map((s) => s.level));
  const copy = () =>
    create.mutate(
      {
        orgId: me.org.id,
        name: template.name,
        kind: template.kind,
        periodType: template.periodType,
        title: template.title,
        sections: template.sections as DocSection[],
        copiedFromId: template.id,
      },
      { onSuccess: (t) => { message.success('已复制为本单位模板，可以修改'); onCopied(t.id); }, onError: (e) => message.error(errorText(e)) },
    );
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">{template.ownerOrgId ? `${template.ownerOrgName}的模板，只能由该组织修改。` : '系统默认模板不能修改。'}</Typography.Text>
        {me.user.role !== 'executive' ? <Button icon={<CopyOutlined aria-hidden />} loading={create.isPending} onClick={copy}>复制为本单位模板</Button> : null}
      </Space>
      <Typography.Paragraph strong>{template.title}</Typography.Paragraph>
      {template.sections.map((s, i) => (
        <div key={i} className={`jg-doc-section is-level-${s.level}`} style={{ marginBottom: 8 }}>
          <Typography.Text strong>{numbers[i]}{s.title}</Typography.Text>
          <div className="jg-muted" style={{ whiteSpace: 'pre-wrap' }}>{s.body}</div>
        </div>
      ))}
    </>
  );
}

/** templates as data: shipped defaults (read-only, copied to change) and the org's own */
export function DocTemplatesPage() {
  const templates = useDocTemplates();
  const [params, setParams] = useUrlState();
  if (templates.isPending) return <PageSkeleton />;
  if (templates.isError) return <QueryError error={templates.error} onRetry={() => templates.refetch()} />;
  const items = templates.data.items;
  const selected = items.find((t) => t.id === params.get('template')) ?? items[0];
  return (
    <>
      <PageHeader title="文书模板" />
      <PlaceholderHelp />
      <Select
        aria-label="选择模板"
        style={{ width: '100%', maxWidth: 480, marginBottom: 12 }}
        value={selected?.id}
        onChange={(id) => setParams({ template: id })}
        options={items.map((t) => ({ value: t.id, label: `${t.name}（${t.ownerOrgName ?? '系统默认'}）${t.active ? '' : '·已停用'}` }))}
      />
      {selected ? (
        <Card
          size="small"
          title={<Space wrap>{selected.name}<Tag>{docTemplateKindLabels[selected.kind]}</Tag><Tag>{periodTypeLabels[selected.periodType]}</Tag>{selected.ownerOrgId ? null : <Tag color="magenta">系统默认</Tag>}</Space>}
        >
          {selected.editable ? <TemplateEditor template={selected} /> : <TemplateView template={selected} onCopied={(id) => setParams({ template: id })} />}
        </Card>
      ) : (
        <Empty description="没有可用的模板" />
      )}
    </>
  );
}
