import { DeleteOutlined, DownloadOutlined, EditOutlined, PlusOutlined, SyncOutlined, TableOutlined } from '@ant-design/icons';
import { headingNumbers, type DocSection, type DocumentDetail } from '@jinguo/common/documents.schema.ts';
import { periodLabel } from '@jinguo/common/periods.ts';
import { Alert, App, Button, Card, DatePicker, Descriptions, Form, Input, Modal, Select, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PageSkeleton } from '../../components/PageSkeleton.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { ApiError } from '../../lib/api-client.ts';
import { errorText, showFieldErrors } from '../../lib/errors.ts';
import { DocumentBody, FigureList } from './DocumentFigures.tsx';
import { levelOptions } from './document-labels.ts';
import { docxUrl, sourcesUrl, useDeleteDocument, useDocument, useRefreshFigures, useUpdateDocument } from './documents.api.ts';
import './documents.css';

type SectionEdit = { index: number; section: DocSection };

function SectionEditor({ doc, edit, onDone }: { doc: DocumentDetail; edit: SectionEdit; onDone: () => void }) {
  const update = useUpdateDocument(doc.id);
  const { message } = App.useApp();
  const [form] = Form.useForm<DocSection>();
  const save = (sections: DocSection[]) =>
    update.mutate(
      { sections, expectedUpdatedAt: doc.updatedAt },
      {
        onSuccess: () => {
          message.success('已保存');
          onDone();
        },
        onError: (err) => {
          const path = `body.sections.${edit.index}.`;
          const mine = (err instanceof ApiError ? err.fields : []).filter((f) => f.path.startsWith(path));
          if (mine.length) form.setFields(mine.map((f) => ({ name: f.path.slice(path.length) as keyof DocSection, errors: [f.message] })));
          else showFieldErrors(form, err).forEach((m) => message.error(m));
        },
      },
    );
  const current = doc.sections as DocSection[];
  const withThis = (s: DocSection) => current.map((x, i) => (i === edit.index ? s : x)).concat(edit.index >= current.length ? [s] : []);
  return (
    <Form<DocSection> form={form} layout="vertical" initialValues={edit.section} onFinish={(v) => save(withThis({ ...edit.section, ...v }))}>
      <Space wrap style={{ width: '100%' }} align="start">
        <Form.Item name="level" label="标题层级" style={{ minWidth: 180 }}>
          <Select options={levelOptions} aria-label="标题层级" />
        </Form.Item>
        <Form.Item name="title" label="标题" rules={[{ required: true, whitespace: true, message: '请填写标题' }]} style={{ minWidth: 240 }}>
          <Input maxLength={60} />
        </Form.Item>
      </Space>
      <Form.Item name="body" label="正文（数字用占位符，如 {{指标:outreach_sessions}}；每行一段）" style={{ marginBottom: 12 }}>
        <Input.TextArea autoSize={{ minRows: 4, maxRows: 16 }} maxLength={8000} aria-label="正文" />
      </Form.Item>
      <Space wrap>
        <Button type="primary" htmlType="submit" loading={update.isPending}>保存</Button>
        <Button onClick={onDone}>取消</Button>
        {edit.index < current.length && current.length > 1 ? (
          <Button danger icon={<DeleteOutlined aria-hidden />} onClick={() => save(current.filter((_, i) => i !== edit.index))}>删除此部分</Button>
        ) : null}
      </Space>
    </Form>
  );
}

type Meta = { title: string; issuer: string; issueDate: dayjs.Dayjs };

function MetaModal({ doc, open, onClose }: { doc: DocumentDetail; open: boolean; onClose: () => void }) {
  const update = useUpdateDocument(doc.id);
  const { message } = App.useApp();
  const [form] = Form.useForm<Meta>();
  const submit = (v: Meta) =>
    update.mutate(
      { title: v.title, issuer: v.issuer, issueDate: v.issueDate.format('YYYY-MM-DD'), expectedUpdatedAt: doc.updatedAt },
      { onSuccess: () => { message.success('已保存'); onClose(); }, onError: (err) => showFieldErrors(form, err).forEach((m) => message.error(m)) },
    );
  return (
    <Modal open={open} title="标题与落款" onCancel={onClose} onOk={() => form.submit()} okText="保存" cancelText="取消" confirmLoading={update.isPending} destroyOnHidden>
      <Form<Meta> form={form} layout="vertical" preserve={false} initialValues={{ title: doc.title, issuer: doc.issuer, issueDate: dayjs(doc.issueDate) }} onFinish={submit}>
        <Form.Item label="文件标题" name="title" rules={[{ required: true, whitespace: true, message: '请填写标题' }]}><Input maxLength={80} /></Form.Item>
        <Form.Item label="落款单位" name="issuer" rules={[{ required: true, whitespace: true, message: '请填写落款单位' }]}><Input maxLength={60} /></Form.Item>
        <Form.Item label="成文日期" name="issueDate" rules={[{ required: true, message: '请选择日期' }]}><DatePicker style={{ width: '100%' }} inputReadOnly /></Form.Item>
      </Form>
    </Modal>
  );
}

function SectionCard({ doc, index, number, editing, onEdit, onDone }: { doc: DocumentDetail; index: number; number: string; editing: boolean; onEdit: () => void; onDone: () => void }) {
  const s = doc.sections[index] as DocSection;
  return (
    <Card
      size="small"
      className={`jg-doc-section is-level-${s.level}`}
      title={<span className="jg-doc-heading">{number}{s.title}</span>}
      extra={doc.mayEdit && !editing ? <Button size="small" type="link" icon={<EditOutlined aria-hidden />} onClick={onEdit} aria-label={`编辑 ${s.title}`}>编辑</Button> : null}
    >
      {editing ? <SectionEditor doc={doc} edit={{ index, section: s }} onDone={onDone} /> : <DocumentBody text={s.body} figures={doc.figures} />}
    </Card>
  );
}

function DraftActions({ doc }: { doc: DocumentDetail }) {
  const refresh = useRefreshFigures(doc.id);
  const remove = useDeleteDocument();
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const confirmDelete = () =>
    modal.confirm({
      title: '删除这份文书？',
      content: '删除后不能恢复。',
      okText: '删除',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: () => remove.mutateAsync(doc.id).then(() => navigate('/documents'), (err) => message.error(errorText(err))),
    });
  return (
    <Space wrap>
      <Button type="primary" icon={<DownloadOutlined aria-hidden />} href={docxUrl(doc.id)}>下载 Word</Button>
      <Button icon={<TableOutlined aria-hidden />} href={sourcesUrl(doc.id)}>数据来源表</Button>
      {doc.mayEdit && doc.staleCount > 0 ? (
        <Button icon={<SyncOutlined aria-hidden />} loading={refresh.isPending} onClick={() => refresh.mutate(undefined, { onSuccess: () => message.success('数字已更新'), onError: (e) => message.error(errorText(e)) })}>
          更新全部过期数字
        </Button>
      ) : null}
      {doc.mayEdit ? <Button danger icon={<DeleteOutlined aria-hidden />} onClick={confirmDelete}>删除</Button> : null}
    </Space>
  );
}

/** an editable draft: narrative per section, figures from the records (each linking to them, stale ones flagged) */
export function DocumentDraftPage() {
  const { id = '' } = useParams();
  const doc = useDocument(id);
  const [editing, setEditing] = useState<number | null>(null);
  const [metaOpen, setMetaOpen] = useState(false);
  if (doc.isPending) return <PageSkeleton />;
  if (doc.isError) return <QueryError error={doc.error} onRetry={() => doc.refetch()} />;
  const d = doc.data;
  const numbers = headingNumbers(d.sections.map((s) => s.level));
  const adding = editing === d.sections.length;
  return (
    <>
      <PageHeader title={d.title} extra={<DraftActions doc={d} />} />
      {d.staleCount > 0 ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message={`有 ${d.staleCount} 个数字所依据的记录在生成后有变化（已标“过期”）`}
          description={d.mayEdit ? '点“更新数字”取用最新记录；下载的 Word 文件用的是文中显示的数字。' : '请有编辑权限的同事更新数字。'}
        />
      ) : null}
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions size="small" column={{ xs: 1, sm: 2, md: 3 }}>
          <Descriptions.Item label="组织">{d.orgName}</Descriptions.Item>
          <Descriptions.Item label="期间">{periodLabel(d.period)}</Descriptions.Item>
          <Descriptions.Item label="模板">{d.templateName}</Descriptions.Item>
          <Descriptions.Item label="落款">{d.issuer}</Descriptions.Item>
          <Descriptions.Item label="成文日期">{d.issueDate}</Descriptions.Item>
        </Descriptions>
        {d.mayEdit ? <Button size="small" icon={<EditOutlined aria-hidden />} onClick={() => setMetaOpen(true)}>修改标题与落款</Button> : null}
      </Card>
      <div className="jg-doc-sections">
        {d.sections.map((_, i) => (
          <SectionCard key={i} doc={d} index={i} number={numbers[i]} editing={editing === i} onEdit={() => setEditing(i)} onDone={() => setEditing(null)} />
        ))}
        {adding ? (
          <Card size="small" title="新的部分">
            <SectionEditor doc={d} edit={{ index: d.sections.length, section: { level: 1, title: '', body: '' } }} onDone={() => setEditing(null)} />
          </Card>
        ) : d.mayEdit ? (
          <Button icon={<PlusOutlined aria-hidden />} onClick={() => setEditing(d.sections.length)}>添加一部分</Button>
        ) : null}
      </div>
      <Typography.Title level={5} style={{ marginTop: 20 }}>数字与来源（Word 附件“数据来源”列出前 20 条记录，数据来源表列出全部）</Typography.Title>
      <FigureList doc={d} />
      <MetaModal doc={d} open={metaOpen} onClose={() => setMetaOpen(false)} />
    </>
  );
}
