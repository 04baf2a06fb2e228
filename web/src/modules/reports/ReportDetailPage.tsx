import { periodLabel } from '@jinguo/common/periods.ts';
import type { ReportDetail } from '@jinguo/common/reports.schema.ts';
import { Alert, App, Button, Card, Descriptions, Form, Input, Skeleton, Space, Tag, Timeline } from 'antd';
import { useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { errorText } from '../../lib/errors.ts';
import { formatMoment } from '../../lib/format-time.ts';
import { ReasonModal } from './ReasonModal.tsx';
import { actionLabels, statusLabels } from './report-labels.ts';
import { ReportValueField } from './ReportValueField.tsx';
import { useReport, useReportAction, useSaveReport } from './reports.api.ts';

type FormValues = { values: Record<string, number | boolean | string | null>; narrative: Record<string, string> };

function initialValues(r: ReportDetail): FormValues {
  return {
    values: Object.fromEntries(r.values.filter((v) => v.source === 'reported').map((v) => [v.metricCode, v.value])),
    narrative: Object.fromEntries(r.narrative.map((n) => [n.label, n.text])),
  };
}

function toBody(v: FormValues) {
  return {
    values: Object.entries(v.values ?? {}).map(([metricCode, value]) => ({ metricCode, value: value === undefined ? null : value })),
    narrative: Object.fromEntries(Object.entries(v.narrative ?? {}).map(([k, t]) => [k, t ?? ''])),
  };
}

export function ReportDetailPage() {
  const { id = '' } = useParams();
  const report = useReport(id);
  const save = useSaveReport();
  const act = useReportAction();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [asking, setAsking] = useState<'return' | 'reopen' | null>(null);
  const r = report.data;
  useEffect(() => {
    if (r) form.setFieldsValue(initialValues(r));
  }, [r, form]);

  if (report.isError) return <QueryError error={report.error} onRetry={() => report.refetch()} />;
  if (!r) return <Skeleton active paragraph={{ rows: 10 }} />;
  const status = statusLabels[r.status];
  const fail = (e: unknown) => message.error(errorText(e));
  const onSave = async () => save.mutate({ id, ...toBody(form.getFieldsValue(true)) }, { onSuccess: () => message.success('已保存'), onError: fail });
  const onSubmit = async () => {
    const values = await form.validateFields();
    save.mutate({ id, ...toBody({ ...form.getFieldsValue(true), ...values }) }, {
      onSuccess: () => act.mutate({ id, action: 'submit' }, { onSuccess: () => message.success('已上报，等待上级审核'), onError: fail }),
      onError: fail,
    });
  };
  const step = (action: 'approve' | 'return' | 'reopen', reason?: string) =>
    act.mutate({ id, action, reason }, { onSuccess: () => { setAsking(null); message.success({ approve: '已审核通过', return: '已退回', reopen: '已重新打开' }[action]); }, onError: fail });

  return (
    <>
      <PageHeader title={`${r.formName} · ${periodLabel(r.period)}`} extra={<Tag color={status.color}>{status.text}</Tag>} />
      <Descriptions size="small" column={{ xs: 1, sm: 2, md: 4 }} style={{ marginBottom: 12 }}>
        <Descriptions.Item label="填报单位">{r.orgName}</Descriptions.Item>
        <Descriptions.Item label="截止日期">{r.dueOn}</Descriptions.Item>
        <Descriptions.Item label="上报时间">{r.submittedAt ? formatMoment(r.submittedAt) : '—'}</Descriptions.Item>
        <Descriptions.Item label="审核时间">{r.approvedAt ? formatMoment(r.approvedAt) : '—'}</Descriptions.Item>
      </Descriptions>
      {r.status === 'returned' && r.returnReason ? <Alert type="error" showIcon style={{ marginBottom: 12 }} message="上级退回，请修改后重新上报" description={`理由：${r.returnReason}`} /> : null}
      {r.status === 'approved' ? <Alert type="success" showIcon style={{ marginBottom: 12 }} message="已审核通过，数据已锁定；如需修改，请联系上级重新打开" /> : null}
      <Form form={form} layout="vertical" disabled={!r.can.edit}>
        <Card size="small" title="数据" style={{ marginBottom: 12 }}>
          {r.values.map((v) => <ReportValueField key={v.metricCode} value={v} report={r} editable={r.can.edit} />)}
        </Card>
        {r.narrative.length ? (
          <Card size="small" title="文字说明" style={{ marginBottom: 12 }}>
            {r.narrative.map((n) => (
              <Form.Item key={n.label} name={['narrative', n.label]} label={n.label} rules={n.required ? [{ required: true, whitespace: true, message: `请填写${n.label}` }] : []}>
                <Input.TextArea rows={3} maxLength={5000} showCount />
              </Form.Item>
            ))}
          </Card>
        ) : null}
      </Form>
      <Space wrap style={{ marginBottom: 16 }}>
        {r.can.edit ? <Button onClick={onSave} loading={save.isPending}>保存草稿</Button> : null}
        {r.can.edit ? <Button type="primary" onClick={onSubmit} loading={save.isPending || act.isPending}>上报</Button> : null}
        {r.can.review ? <Button type="primary" onClick={() => step('approve')} loading={act.isPending}>审核通过</Button> : null}
        {r.can.review ? <Button danger onClick={() => setAsking('return')}>退回修改</Button> : null}
        {r.can.reopen ? <Button onClick={() => setAsking('reopen')}>重新打开</Button> : null}
      </Space>
      <Card size="small" title="办理记录">
        <Timeline
          items={r.events.map((e) => ({
            color: e.action === 'return' || e.action === 'reopen' ? 'red' : e.action === 'approve' ? 'green' : 'blue',
            children: (
              <>
                <strong>{actionLabels[e.action]}</strong> · {e.username ?? '—'} · {formatMoment(e.at)}
                {e.reason ? <div className="jg-muted">理由：{e.reason}</div> : null}
              </>
            ),
          }))}
        />
      </Card>
      <ReasonModal open={asking !== null} title={asking === 'reopen' ? '重新打开报表' : '退回修改'} confirmLoading={act.isPending} onCancel={() => setAsking(null)} onOk={(reason) => asking && step(asking, reason)} />
    </>
  );
}
