import type { Completeness } from '@jinguo/common/reports.schema.ts';
import { App, Breadcrumb, Button, Card, Col, List, Row, Skeleton, Space, Statistic, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { QueryError } from '../../components/QueryError.tsx';
import { withQuery } from '../../lib/api-client.ts';
import { errorText } from '../../lib/errors.ts';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { ChaseModal } from './ChaseModal.tsx';
import { statusLabels } from './report-labels.ts';
import { useChase, useCompleteness, type ChaseResult } from './reports.api.ts';

type Row = Completeness['rows'][number];
const figures = [
  ['expected', '应报'],
  ['submitted', '已报'],
  ['onTime', '按时'],
  ['approved', '已通过'],
  ['returned', '退回'],
  ['missing', '未报'],
] as const;

function StatusCell({ row }: { row: Row }) {
  if (row.expected === 0 && !row.own) return null;
  const s = statusLabels[row.status ?? 'none'];
  const tag = <Tag color={s.color}>{s.text}</Tag>;
  return row.reportId ? <Link to={`/reports/${row.reportId}`}>{tag}</Link> : tag;
}

/** who has reported on a form for a period, across a subtree, drilling down; the reviewer chases the late units */
export function CompletenessView({ formId, period, orgId, onDrill, canChase }: { formId: string; period: string; orgId?: string; onDrill: (orgId: string) => void; canChase: boolean }) {
  const q = useCompleteness({ formId, period, orgId });
  const chase = useChase();
  const [result, setResult] = useState<ChaseResult | null>(null);
  const phone = useIsPhone();
  const { message } = App.useApp();
  if (q.isError) return <QueryError error={q.error} onRetry={() => q.refetch()} />;
  const c = q.data;
  if (!c) return <Skeleton active />;
  const name = (r: Row) => (r.hasBelow ? <a onClick={() => onDrill(r.orgId)}>{r.name}</a> : r.name);
  const actions = (
    <Space wrap>
      <Button href={withQuery('/api/completeness/export', { formId, period, orgId: c.org.id })}>导出 Excel</Button>
      {canChase && c.totals.missing > 0 ? <Button danger type="primary" loading={chase.isPending} onClick={() => chase.mutate({ formId, period, orgId: c.org.id }, { onSuccess: setResult, onError: (e) => message.error(errorText(e)) })}>催报（{c.totals.missing}）</Button> : null}
    </Space>
  );

  return (
    <>
      <Breadcrumb style={{ marginBottom: 12 }} items={c.breadcrumbs.map((b, i) => ({ key: b.id, title: i === c.breadcrumbs.length - 1 ? <strong>{b.name}</strong> : <a onClick={() => onDrill(b.id)}>{b.name}</a> }))} />
      <Card
        size="small"
        style={{ marginBottom: 12 }}
        title={<>截止 {c.dueOn} {c.overdue ? <Tag color="red">已逾期</Tag> : null}</>}
        extra={phone ? null : actions}
      >
        <Row gutter={[8, 8]}>
          {figures.map(([key, label]) => (
            <Col key={key} xs={8} sm={4}>
              <Statistic title={label} value={c.totals[key]} suffix="个" valueStyle={key === 'missing' && c.totals.missing ? { color: '#cf1322' } : undefined} />
            </Col>
          ))}
        </Row>
        {phone ? <div style={{ marginTop: 8 }}>{actions}</div> : null}
      </Card>
      {phone ? (
        <List
          dataSource={c.rows}
          renderItem={(r) => (
            <List.Item extra={<StatusCell row={r} />}>
              <List.Item.Meta title={name(r)} description={`应报 ${r.expected} · 已报 ${r.submitted} · 按时 ${r.onTime} · 通过 ${r.approved} · 退回 ${r.returned} · 未报 ${r.missing}`} />
            </List.Item>
          )}
        />
      ) : (
        <Table<Row>
          size="small"
          rowKey="orgId"
          pagination={false}
          dataSource={c.rows}
          columns={[
            { title: '单位', key: 'name', render: (_, r) => name(r) },
            { title: '本单位报表', key: 'status', render: (_, r) => <StatusCell row={r} /> },
            ...figures.map(([key, label]) => ({ title: label, dataIndex: key, align: 'right' as const })),
          ]}
        />
      )}
      <ChaseModal result={result} onClose={() => setResult(null)} />
    </>
  );
}
