import { periodLabel, todayInShanghai } from '@jinguo/common/periods.ts';
import type { Aggregate, Completeness, CompletenessQuery } from '@jinguo/common/reports.schema.ts';
import type { Db } from '../../http/access.ts';
import type { Actor } from '../../http/types.ts';
import { buildXlsx, type XlsxColumn } from '../../http/xlsx.ts';
import { getCompleteness } from './completeness.service.ts';
import { getAggregates } from './report-aggregates.service.ts';

/** Completeness and aggregated values as Excel tables: title, org and period, units in the headers, frozen header. */
export type XlsxFile = { fileName: string; data: Buffer };
const statusText = { draft: '填报中', submitted: '待审核', returned: '已退回', approved: '已通过' } as const;

export async function exportCompleteness(db: Db, actor: Actor, q: CompletenessQuery, now: Date): Promise<XlsxFile> {
  const c = await getCompleteness(db, actor, q, now);
  type Row = Completeness['rows'][number];
  const count = (header: string, key: keyof Completeness['totals']): XlsxColumn<Row> => ({ header: `${header}（个）`, width: 10, value: (r) => r[key] });
  const total: Row = { ...c.totals, orgId: '', name: '合计', own: false, hasBelow: false, reportId: null, status: null };
  const data = await buildXlsx<Row>({
    sheetName: '报送情况',
    title: `${c.form.name}报送情况`,
    subtitle: `单位：${c.org.name}　期间：${periodLabel(c.period)}　截止日期：${c.dueOn}　导出日期：${todayInShanghai(now)}`,
    columns: [
      { header: '单位', width: 24, value: (r) => r.name },
      { header: '本单位报表', width: 12, value: (r) => (r.name === '合计' ? null : r.status ? statusText[r.status] : '未填报') },
      count('应报', 'expected'),
      count('已报', 'submitted'),
      count('按时', 'onTime'),
      count('已通过', 'approved'),
      count('退回', 'returned'),
      count('未报', 'missing'),
    ],
    rows: [...c.rows, total],
  });
  return { fileName: `${c.org.name}${periodLabel(c.period)}${c.form.name}报送情况.xlsx`, data };
}

export async function exportAggregates(db: Db, actor: Actor, q: CompletenessQuery, now: Date): Promise<XlsxFile> {
  const a = await getAggregates(db, actor, q);
  type Row = Aggregate['rows'][number];
  const columns: XlsxColumn<Row>[] = [{ header: '单位', width: 24, value: (r) => r.name }];
  a.metrics.forEach((m, i) => {
    const unit = m.valueType === 'boolean' ? '个“是”' : m.unit;
    columns.push({ header: `${m.name}（${unit}）${m.rollup === 'avg' ? '平均' : ''}`, width: 16, value: (r) => r.cells[i].value });
    columns.push({ header: `${m.name}填报单位数（个）`, width: 12, value: (r) => r.cells[i].units });
  });
  const data = await buildXlsx<Row>({
    sheetName: '汇总数据',
    title: `${a.form.name}汇总数据`,
    subtitle: `单位：${a.org.name}　期间：${periodLabel(a.period)}　仅统计审核通过的报表　导出日期：${todayInShanghai(now)}`,
    columns,
    rows: [...a.rows, { orgId: '', name: '合计', own: false, hasBelow: false, cells: a.total }],
  });
  return { fileName: `${a.org.name}${periodLabel(a.period)}${a.form.name}汇总数据.xlsx`, data };
}
