import { periodLabel, todayInShanghai } from '@jinguo/common/periods.ts';
import type { MetricBreakdown } from '@jinguo/common/metrics.schema.ts';
import type { Db } from '../../http/access.ts';
import type { Actor } from '../../http/types.ts';
import { buildXlsx, type XlsxColumn } from '../../http/xlsx.ts';
import { listChildren } from '../orgs/orgs.service.ts';
import { getDashboard } from './dashboard.service.ts';
import { getMetricBreakdown } from './metrics.service.ts';

/**
 * The statistics table of the dashboard: every card's metric (derived from the records) for each direct child
 * org of the chosen org, its own records (本级) and the total, for a period; units in the headers.
 */
type Row = { name: string; values: number[] };

/** the order of a statistics table: the administrative units by division code, then the other kinds by name */
type ChildOrder = Map<string, string>;

function rowsOf(breakdowns: MetricBreakdown[], order: ChildOrder): Row[] {
  const rows = new Map<string, Row>();
  breakdowns.forEach((b, i) => {
    for (const r of b.rows) {
      const key = r.own ? 'own' : r.orgId;
      const row = rows.get(key) ?? { name: r.name, values: breakdowns.map(() => 0) };
      row.values[i] = r.value;
      rows.set(key, row);
    }
  });
  const own = rows.get('own');
  rows.delete('own');
  const key = (id: string, name: string) => order.get(id) ?? `2${name}`;
  const children = [...rows.entries()].sort(([a, ra], [b, rb]) => key(a, ra.name).localeCompare(key(b, rb.name), 'zh-CN')).map(([, r]) => r);
  return [...children, ...(own ? [own] : [])];
}

export async function exportStatistics(db: Db, actor: Actor, q: { orgId?: string; period: string }, now: Date): Promise<{ fileName: string; data: Buffer }> {
  const dashboard = await getDashboard(db, actor, { orgId: q.orgId, period: q.period });
  const breakdowns: MetricBreakdown[] = [];
  for (const card of dashboard.cards) breakdowns.push(await getMetricBreakdown(db, actor, card.code, { orgId: dashboard.org.id, period: q.period }));
  const { items } = await listChildren(db, actor, dashboard.org.id, { includeClosed: true });
  const order: ChildOrder = new Map(items.map((c) => [c.id, c.kind === 'federation' ? `0${c.divisionCode ?? ''}${c.name}` : `1${c.name}`]));
  const total: Row = { name: '合计', values: dashboard.cards.map((c) => c.value) };
  const columns: XlsxColumn<Row>[] = [
    { header: '单位', width: 22, value: (r) => r.name },
    ...dashboard.cards.map((c, i): XlsxColumn<Row> => ({ header: `${c.name}（${c.unit}）`, width: 14, value: (r) => r.values[i], numFmt: '0' })),
  ];
  const today = todayInShanghai(now);
  const data = await buildXlsx<Row>({
    sheetName: '统计表',
    title: `${dashboard.org.name}${periodLabel(q.period)}工作统计表`,
    subtitle: `单位：${dashboard.org.name}　期间：${periodLabel(q.period)}　数据来源：活动台账　导出日期：${today}`,
    columns,
    rows: [...rowsOf(breakdowns, order), total],
  });
  return { fileName: `${dashboard.org.name}${periodLabel(q.period)}工作统计表.xlsx`, data };
}
