import type { Aggregate } from '@jinguo/common/reports.schema.ts';
import { formatWithUnit } from '@jinguo/common/units.ts';
import { Button, Skeleton, Table } from 'antd';
import { withQuery } from '../../lib/api-client.ts';
import { QueryError } from '../../components/QueryError.tsx';
import { useAggregates } from './reports.api.ts';

type Row = Aggregate['rows'][number];
type Cell = Aggregate['total'][number];

function cellText(c: Cell, m: Aggregate['metrics'][number]): string {
  if (c.value === null) return '—';
  const figure = m.valueType === 'boolean' ? `${c.value} 个“是”` : formatWithUnit(c.value, m.unit);
  return `${figure}（${c.units} 个单位）`;
}

/** reported values summed or averaged up the tree from approved reports, per child */
export function AggregatesView({ formId, period, orgId, onDrill }: { formId: string; period: string; orgId?: string; onDrill: (orgId: string) => void }) {
  const q = useAggregates({ formId, period, orgId });
  if (q.isError) return <QueryError error={q.error} onRetry={() => q.refetch()} />;
  const a = q.data;
  if (!a) return <Skeleton active />;
  const total: Row = { orgId: 'total', name: `${a.org.name}合计`, own: false, hasBelow: false, cells: a.total };
  return (
    <>
      <p className="jg-muted">
        只统计审核通过的报表；括号内为数据来源的单位数。{a.metrics.some((m) => m.rollup === 'avg') ? '比率类指标取平均值。' : ''}
        <Button type="link" href={withQuery('/api/reports/aggregates/export', { formId, period, orgId: a.org.id })}>导出 Excel</Button>
      </p>
      <Table<Row>
        size="small"
        rowKey="orgId"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={[...a.rows, total]}
        columns={[
          { title: '单位', key: 'name', fixed: 'left', render: (_, r) => (r.hasBelow ? <a onClick={() => onDrill(r.orgId)}>{r.name}</a> : r.orgId === 'total' ? <strong>{r.name}</strong> : r.name) },
          ...a.metrics.map((m, i) => ({ title: `${m.name}（${m.unit}）`, key: m.code, align: 'right' as const, render: (_: unknown, r: Row) => cellText(r.cells[i], m) })),
        ]}
      />
    </>
  );
}
