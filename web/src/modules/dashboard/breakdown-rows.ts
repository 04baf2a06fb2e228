import type { metricBreakdown } from '@jinguo/common/metrics.schema.ts';
import type { z } from 'zod';

export type Breakdown = z.infer<typeof metricBreakdown>;
export type BreakdownRow = Breakdown['rows'][number];

export function rowLabel(row: BreakdownRow): string {
  return row.own ? '本级' : row.name;
}

/** a tall chart of every child org is unreadable: the chart keeps the largest rows, the list below keeps all */
export function chartRowLimit(isPhone: boolean): number {
  return isPhone ? 10 : 20;
}

/** the largest `limit` rows, largest first (ties keep the server's order) */
export function topRows(rows: BreakdownRow[], limit: number): BreakdownRow[] {
  return [...rows].sort((a, b) => b.value - a.value).slice(0, limit);
}

/** one bar's band per row: the chart and its loading placeholder share it */
export function breakdownChartHeight(rowCount: number): number {
  return Math.max(160, rowCount * 34 + 24);
}

/** "2026-03" → "3月" */
export function monthLabel(month: string): string {
  return `${Number(month.slice(5, 7))}月`;
}

/** months after the current one have no records yet: drawn as a gap, not as a fall to zero */
export function trendValues(trend: Breakdown['trend'], today: string): (number | null)[] {
  const thisMonth = today.slice(0, 7);
  return trend.map((t) => (t.month > thisMonth ? null : t.value));
}
