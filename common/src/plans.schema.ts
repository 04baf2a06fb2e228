import { z } from 'zod';
import { daySchema, idSchema, optionalText, text } from './fields.ts';
import { periodSchema } from './periods.ts';

/** Plans (工作计划) with their task trees and targets split down the org tree; progress against time elapsed. */
const metricCode = z.string().regex(/^[a-z0-9_]{1,40}$/, '指标编码不正确');
const year = z.number({ error: '年度应为数字' }).int('年度应为整数').min(2000, '年度应在 2000 至 2100 之间').max(2100, '年度应在 2000 至 2100 之间');
const targetValue = z
  .number({ error: '目标值应为数字' })
  .min(0, '目标值不能为负数')
  .max(100_000_000, '目标值不能超过 1 亿')
  .refine((v) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-6, '目标值最多保留两位小数');

export const planStatuses = ['draft', 'issued'] as const;
export const taskKinds = ['section', 'item'] as const;
export const splitMethods = ['manual', 'even', 'proportional'] as const;
/** figures a target can be split in proportion to */
export const splitBases = ['villages', 'population', 'last_year'] as const;
export const progressStatuses = ['not_started', 'on_track', 'behind', 'done', 'overdue'] as const;
export type ProgressStatus = (typeof progressStatuses)[number];
export type PlanStatus = (typeof planStatuses)[number];
export type SplitMethod = (typeof splitMethods)[number];
export type SplitBasis = (typeof splitBases)[number];

export const planListQuery = z.strictObject({
  orgId: idSchema.optional(),
  year: z.coerce.number({ error: '年度应为数字' }).int('年度应为整数').min(2000, '年度应在 2000 至 2100 之间').max(2100, '年度应在 2000 至 2100 之间').optional(),
});
export const createPlanBody = z.strictObject({ orgId: idSchema, year, title: text('计划名称', 100) });
export const updatePlanBody = z.strictObject({
  title: text('计划名称', 100).optional(),
  status: z.enum(planStatuses, { error: '状态应为 草稿 或 已下达' }).optional(),
});
export const copyPlanBody = z.strictObject({ year: year.optional() });

export const planSummary = z.object({
  id: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  year: z.number(),
  title: z.string(),
  status: z.enum(planStatuses),
  issuedAt: z.string().nullable(),
  copiedFromId: z.string().nullable(),
  /** the actor may change the plan, its tasks and its top targets */
  mayEdit: z.boolean(),
});
export type PlanSummary = z.infer<typeof planSummary>;
export const planList = z.object({ items: z.array(planSummary) });

export const createTaskBody = z.strictObject({
  planId: idSchema,
  parentTaskId: idSchema.nullish(),
  kind: z.enum(taskKinds, { error: '任务类型应为 部分 或 事项' }),
  title: text('任务名称', 200),
  body: optionalText('任务说明', 4000),
  ownerOrgId: idSchema.nullish(),
  ownerPersonId: idSchema.nullish(),
  deadline: daySchema.nullish(),
  sort: z.number().int().min(0).max(100_000).optional(),
});
export const updateTaskBody = createTaskBody.omit({ planId: true, parentTaskId: true, kind: true }).partial();
export type CreateTaskBody = z.infer<typeof createTaskBody>;
export type UpdateTaskBody = z.infer<typeof updateTaskBody>;

export const taskView = z.object({
  id: z.string(),
  planId: z.string(),
  parentId: z.string().nullable(),
  kind: z.enum(taskKinds),
  title: z.string(),
  body: z.string().nullable(),
  ownerOrgId: z.string().nullable(),
  ownerOrgName: z.string().nullable(),
  ownerPersonId: z.string().nullable(),
  ownerPersonName: z.string().nullable(),
  deadline: z.string().nullable(),
  sort: z.number(),
  /** the worst status of the task's targets visible to the actor; null without targets */
  status: z.enum(progressStatuses).nullable(),
});
export type TaskView = z.infer<typeof taskView>;

/** a numeric target names a metric and a value; without both it is a yes/no milestone */
export const createTargetBody = z.strictObject({
  taskId: idSchema,
  orgId: idSchema,
  metricCode: metricCode.nullish(),
  value: targetValue.nullish(),
  period: periodSchema,
  deadline: daySchema,
});
export const updateTargetBody = z.strictObject({
  value: targetValue.optional(),
  deadline: daySchema.optional(),
  /** a milestone's completion day; null to mark it not done */
  milestoneDoneOn: daySchema.nullish(),
});
export type CreateTargetBody = z.infer<typeof createTargetBody>;
export type UpdateTargetBody = z.infer<typeof updateTargetBody>;

export const progressSchema = z.object({
  actual: z.number().nullable(),
  /** what the value should be by today: target × share of the time to the deadline elapsed */
  expected: z.number().nullable(),
  /** share of the time from the period's start to the deadline elapsed today (0–1) */
  elapsed: z.number(),
  status: z.enum(progressStatuses),
  /** units behind a reported figure (approved reports) */
  units: z.number().nullable(),
});
export type ProgressView = z.infer<typeof progressSchema>;

export const targetView = z.object({
  id: z.string(),
  planId: z.string(),
  taskId: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  parentTargetId: z.string().nullable(),
  metricCode: z.string().nullable(),
  metricName: z.string().nullable(),
  metricSource: z.enum(['derived', 'reported']).nullable(),
  unit: z.string().nullable(),
  value: z.number().nullable(),
  period: z.string(),
  deadline: z.string(),
  milestoneDoneOn: z.string().nullable(),
  splitMethod: z.enum(splitMethods).nullable(),
  splitBasis: z.enum(splitBases).nullable(),
  /** sum of the parts split from it, null when not split */
  splitTotal: z.number().nullable(),
  /** null for targets above the actor's org (their figures cover units the actor does not see) */
  progress: progressSchema.nullable(),
  /** the actor may split it among the org's children */
  maySplit: z.boolean(),
});
export type TargetView = z.infer<typeof targetView>;

export const laggingItem = z.object({
  targetId: z.string(),
  taskTitle: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  label: z.string(),
  unit: z.string().nullable(),
  value: z.number().nullable(),
  actual: z.number().nullable(),
  expected: z.number().nullable(),
  deadline: z.string(),
  status: z.enum(['behind', 'overdue']),
});
export type LaggingItem = z.infer<typeof laggingItem>;

export const planDetail = z.object({
  plan: planSummary,
  tasks: z.array(taskView),
  targets: z.array(targetView),
  counts: z.record(z.enum(progressStatuses), z.number()),
  lagging: z.array(laggingItem),
  today: z.string(),
});
export type PlanDetail = z.infer<typeof planDetail>;

export const targetDetail = z.object({
  target: targetView,
  taskTitle: z.string(),
  parts: z.array(targetView),
  lagging: z.array(laggingItem),
});
export type TargetDetail = z.infer<typeof targetDetail>;

export const splitPreviewQuery = z.strictObject({
  method: z.enum(splitMethods, { error: '分解方式应为 手工、平均 或 按比例' }).default('even'),
  basis: z.enum(splitBases, { error: '分解依据应为 村数、人口 或 上年完成值' }).optional(),
});
export const splitPart = z.strictObject({ orgId: idSchema, value: targetValue });
export const splitTargetBody = z.strictObject({
  method: z.enum(splitMethods, { error: '分解方式应为 手工、平均 或 按比例' }),
  basis: z.enum(splitBases, { error: '分解依据应为 村数、人口 或 上年完成值' }).nullish(),
  /** the parts, one per child org (manual); even and proportional splits are computed by the server */
  parts: z.array(splitPart).max(2000).optional(),
});
export type SplitTargetBody = z.infer<typeof splitTargetBody>;
export const splitPreview = z.object({
  total: z.number(),
  unit: z.string().nullable(),
  method: z.enum(splitMethods),
  basis: z.enum(splitBases).nullable(),
  rows: z.array(z.object({ orgId: z.string(), name: z.string(), basisValue: z.number().nullable(), value: z.number(), current: z.number().nullable() })),
  sum: z.number(),
  /** total − sum of the rows: 0 when the parts add up */
  remainder: z.number(),
});
export type SplitPreview = z.infer<typeof splitPreview>;
