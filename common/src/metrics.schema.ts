import { z } from 'zod';
import { idSchema, text } from './fields.ts';
import { periodSchema } from './periods.ts';
import { metricUnits } from './units.ts';

export const metricSchema = z.object({
  code: z.string(),
  name: z.string(),
  unit: z.enum(metricUnits),
  source: z.enum(['derived', 'reported']),
  aggregation: z.enum(['count_activities', 'sum_participants']).nullable(),
  kindCodes: z.array(z.string()),
  ownerOrgId: z.string().nullable(),
  sort: z.number(),
  active: z.boolean(),
});
export type MetricView = z.infer<typeof metricSchema>;
export const metricList = z.object({ items: z.array(metricSchema) });

const kindCodes = z
  .array(z.string().regex(/^[a-z0-9_]{1,40}$/, '活动类型不正确'))
  .min(1, '至少选择一个活动类型')
  .max(50);
export const createMetricBody = z.strictObject({
  name: text('指标名称', 50),
  unit: z.enum(metricUnits, { error: '单位不正确' }),
  aggregation: z.enum(['count_activities', 'sum_participants'], { error: '统计方式应为 场次 或 人数' }),
  kindCodes,
  sort: z.number().int().min(0).max(10000).optional(),
});
export const updateMetricBody = z.strictObject({
  name: text('指标名称', 50).optional(),
  unit: z.enum(metricUnits, { error: '单位不正确' }).optional(),
  kindCodes: kindCodes.optional(),
  sort: z.number().int().min(0).max(10000).optional(),
  active: z.boolean().optional(),
});
export type CreateMetricBody = z.infer<typeof createMetricBody>;
export type UpdateMetricBody = z.infer<typeof updateMetricBody>;
export const metricCodeParams = z.strictObject({ code: z.string().regex(/^[a-z0-9_]{1,40}$/, '指标编码不正确') });

export const metricValueQuery = z.strictObject({
  orgId: idSchema,
  period: periodSchema,
});
export const metricValue = z.object({ code: z.string(), name: z.string(), unit: z.string(), value: z.number() });
export type MetricValueView = z.infer<typeof metricValue>;

export const breakdownRow = z.object({
  orgId: z.string(),
  name: z.string(),
  /** true for the row counting what the org recorded itself (本级) */
  own: z.boolean(),
  hasChildren: z.boolean(),
  value: z.number(),
});
export const metricBreakdown = z.object({
  metric: metricValue,
  rows: z.array(breakdownRow),
  /** one point per month of the period ('YYYY-MM'), zeros included */
  trend: z.array(z.object({ month: z.string(), value: z.number() })),
});
export type MetricBreakdown = z.infer<typeof metricBreakdown>;
export const dashboardQuery = z.strictObject({
  orgId: idSchema.optional(),
  period: periodSchema,
  metricCode: z.string().regex(/^[a-z0-9_]{1,40}$/, '指标编码不正确').optional(),
});
export const dashboardResponse = z.object({
  org: z.object({ id: z.string(), name: z.string(), breadcrumbs: z.array(z.object({ id: z.string(), name: z.string() })) }),
  period: z.string(),
  cards: z.array(metricValue),
  selected: metricBreakdown.nullable(),
});
export type DashboardData = z.infer<typeof dashboardResponse>;
