import type { metricBreakdown } from '@jinguo/common/metrics.schema.ts';
import type { z } from 'zod';

export type Breakdown = z.infer<typeof metricBreakdown>;
export type BreakdownRow = Breakdown['rows'][number];

export function rowLabel(row: BreakdownRow): string {
  return row.own ? '本级' : row.name;
}

/** "2026-03" → "3月" */
export function monthLabel(month: string): string {
  return `${Number(month.slice(5, 7))}月`;
}
