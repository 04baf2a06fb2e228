import type { ReportFormView } from '@jinguo/common/reports.schema.ts';
import { orgLevelLabels } from '@jinguo/common/labels.zh-CN.ts';
import { App, Button, Card, Empty, List, Skeleton, Space, Switch, Tag } from 'antd';
import { useState } from 'react';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { errorText } from '../../lib/errors.ts';
import { useCurrentUser } from '../auth/auth.api.ts';
import { periodTypeLabels } from './report-labels.ts';
import { ReportedMetricModal } from './ReportedMetricModal.tsx';
import { ReportFormFieldsModal } from './ReportFormFieldsModal.tsx';
import { ReportFormModal } from './ReportFormModal.tsx';
import { useReportForms, useUpdateReportForm } from './reports.api.ts';

/** report forms (data sets) of this org and the ones above; admins create forms and reported metrics */
export function ReportFormsPage() {
  const me = useCurrentUser();
  const forms = useReportForms();
  const update = useUpdateReportForm();
  const { message } = App.useApp();
  const [modal, setModal] = useState<'form' | 'metric' | null>(null);
  const [editing, setEditing] = useState<ReportFormView | null>(null);
  const admin = me.user.role === 'admin';
  return (
    <>
      <PageHeader
        title="报表设置"
        extra={admin ? (
          <Space wrap>
            <Button onClick={() => setModal('metric')}>新建填报指标</Button>
            <Button type="primary" onClick={() => setModal('form')}>新建报表</Button>
          </Space>
        ) : null}
      />
      {forms.isError ? <QueryError error={forms.error} onRetry={() => forms.refetch()} /> : null}
      {forms.isPending ? <Skeleton active /> : null}
      {forms.data && !forms.data.items.length ? <Empty description="还没有报表" /> : null}
      <List
        grid={{ gutter: 12, xs: 1, md: 2 }}
        dataSource={forms.data?.items ?? []}
        renderItem={(f) => (
          <List.Item>
            <Card
              size="small"
              title={f.name}
              extra={f.canEdit ? (
                <Switch checkedChildren="启用" unCheckedChildren="停用" checked={f.active} loading={update.isPending && update.variables?.id === f.id} onChange={(active) => update.mutate({ id: f.id, active }, { onError: (e) => message.error(errorText(e)) })} />
              ) : (
                <Tag>{f.active ? '启用' : '停用'}</Tag>
              )}
            >
              <p style={{ marginTop: 0 }}>
                {f.ownerOrgName} · {periodTypeLabels[f.periodType]}报 · 填报层级：{f.respondentLevel ? `直到${orgLevelLabels[f.respondentLevel]}` : '直属下级'}
              </p>
              <p className="jg-muted">期末前 {-f.opensOffsetDays} 天开放，期末后 {f.dueOffsetDays} 天截止</p>
              <Space wrap size={[4, 4]}>
                {f.fields.map((x) => (
                  <Tag key={x.position} color={x.kind === 'narrative' ? 'default' : x.source === 'derived' ? 'blue' : 'purple'}>
                    {x.label}
                    {x.unit ? `（${x.unit}）` : ''}
                    {x.source === 'derived' ? ' · 自动' : ''}
                  </Tag>
                ))}
              </Space>
              {f.canEdit ? (
                <div style={{ marginTop: 8 }}>
                  <Button size="small" onClick={() => setEditing(f)}>编辑栏目</Button>
                </div>
              ) : null}
            </Card>
          </List.Item>
        )}
      />
      <ReportFormModal open={modal === 'form'} onClose={() => setModal(null)} />
      <ReportedMetricModal open={modal === 'metric'} onClose={() => setModal(null)} />
      {editing ? <ReportFormFieldsModal form={editing} onClose={() => setEditing(null)} /> : null}
    </>
  );
}
