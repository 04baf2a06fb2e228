import { z } from 'zod';
import { idSchema, text } from './fields.ts';
import { periodSchema } from './periods.ts';
import { metricUnits } from './units.ts';

/** Report forms (data sets), reports with their review trail, completeness and chasing, aggregates. */
export const periodTypes = ['quarter', 'month', 'year'] as const;
export type PeriodType = (typeof periodTypes)[number];
export const respondentLevels = ['township', 'village', 'county', 'city'] as const;
export const reportStatuses = ['draft', 'submitted', 'returned', 'approved'] as const;
export type ReportStatus = (typeof reportStatuses)[number];
export const valueTypes = ['number', 'boolean', 'text'] as const;
export const rollups = ['sum', 'avg'] as const;
export const reportActions = ['create', 'save', 'submit', 'return', 'approve', 'reopen'] as const;

const metricCode = z.string().regex(/^[a-z0-9_]{1,40}$/, '指标编码不正确');
const offsetDays = (label: string) =>
  z.number({ error: `${label}应为数字` }).int(`${label}应为整数`).min(-366, `${label}不能早于 366 天`).max(366, `${label}不能晚于 366 天`);

export const createReportedMetricBody = z.strictObject({
  name: text('指标名称', 50),
  unit: z.enum(metricUnits, { error: '单位不正确' }),
  valueType: z.enum(valueTypes, { error: '填报类型应为 数值、是否 或 文字' }),
  rollup: z.enum(rollups, { error: '汇总方式应为 求和 或 平均' }).default('sum'),
  sort: z.number().int().min(0).max(10000).optional(),
});
export type CreateReportedMetricBody = z.infer<typeof createReportedMetricBody>;
export const reportedMetricSchema = z.object({
  code: z.string(),
  name: z.string(),
  unit: z.string(),
  valueType: z.enum(valueTypes),
  rollup: z.enum(rollups),
  ownerOrgId: z.string().nullable(),
});

const formFieldInput = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('metric'), metricCode, required: z.boolean().default(true) }),
    z.strictObject({ kind: z.literal('narrative'), label: text('文字栏目名称', 40), required: z.boolean().default(false) }),
  ],
  { error: '栏目类型应为 指标 或 文字说明' },
);
const formFields = z.array(formFieldInput).min(1, '至少需要一个栏目').max(60, '栏目不能超过 60 个');

export const createReportFormBody = z.strictObject({
  /** the owner (default: the admin's own org) */
  orgId: idSchema.optional(),
  name: text('报表名称', 60),
  periodType: z.enum(periodTypes, { error: '报送周期应为 月、季度 或 年' }),
  respondentLevel: z.enum(respondentLevels, { error: '填报层级不正确' }).nullish(),
  opensOffsetDays: offsetDays('开放填报日').default(-10),
  dueOffsetDays: offsetDays('截止日').default(5),
  fields: formFields,
});
export type CreateReportFormBody = z.infer<typeof createReportFormBody>;
export const updateReportFormBody = z.strictObject({
  name: text('报表名称', 60).optional(),
  opensOffsetDays: offsetDays('开放填报日').optional(),
  dueOffsetDays: offsetDays('截止日').optional(),
  active: z.boolean().optional(),
  fields: formFields.optional(),
});
export type UpdateReportFormBody = z.infer<typeof updateReportFormBody>;

export const formFieldSchema = z.object({
  position: z.number(),
  kind: z.enum(['metric', 'narrative']),
  required: z.boolean(),
  label: z.string(),
  metricCode: z.string().nullable(),
  unit: z.string().nullable(),
  source: z.enum(['derived', 'reported']).nullable(),
  valueType: z.enum(valueTypes).nullable(),
});
export type FormField = z.infer<typeof formFieldSchema>;
export const reportFormSchema = z.object({
  id: z.string(),
  ownerOrgId: z.string(),
  ownerOrgName: z.string(),
  name: z.string(),
  periodType: z.enum(periodTypes),
  respondentLevel: z.enum(respondentLevels).nullable(),
  opensOffsetDays: z.number(),
  dueOffsetDays: z.number(),
  active: z.boolean(),
  fields: z.array(formFieldSchema),
  /** whether the actor may change it (an admin of the owner or above) */
  canEdit: z.boolean(),
});
export type ReportFormView = z.infer<typeof reportFormSchema>;
export const reportFormList = z.object({ items: z.array(reportFormSchema) });

export const createReportBody = z.strictObject({ formId: idSchema, orgId: idSchema, period: periodSchema });
const valueInput = z.strictObject({
  metricCode,
  value: z.union([z.number().min(-1e12).max(1e12), z.boolean(), z.string().max(2000, '文字不能超过 2000 个字'), z.null()], {
    error: '填报值应为数字、是否或文字',
  }),
});
export const saveReportBody = z.strictObject({
  values: z.array(valueInput).max(100).optional(),
  narrative: z.record(z.string().max(40), z.string().max(5000, '文字说明不能超过 5000 个字')).optional(),
});
export type SaveReportBody = z.infer<typeof saveReportBody>;
export const reasonBody = z.strictObject({ reason: text('理由', 500) });
export const reportListQuery = z.strictObject({
  orgId: idSchema.optional(),
  formId: idSchema.optional(),
  period: periodSchema.optional(),
  status: z.enum(reportStatuses).optional(),
});

export const reportValueSchema = z.object({
  metricCode: z.string(),
  label: z.string(),
  unit: z.string(),
  source: z.enum(['derived', 'reported']),
  valueType: z.enum(valueTypes),
  required: z.boolean(),
  value: z.union([z.number(), z.boolean(), z.string()]).nullable(),
  /** approved values of the units below for the same period (sum or average), and how many units */
  below: z.object({ value: z.number().nullable(), units: z.number() }).nullable(),
});
export const reportEventSchema = z.object({
  at: z.string(),
  action: z.enum(reportActions),
  username: z.string().nullable(),
  reason: z.string().nullable(),
});
export const reportSummarySchema = z.object({
  id: z.string(),
  formId: z.string(),
  formName: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  period: z.string(),
  status: z.enum(reportStatuses),
  dueOn: z.string(),
  submittedAt: z.string().nullable(),
  approvedAt: z.string().nullable(),
  returnReason: z.string().nullable(),
});
export const reportList = z.object({ items: z.array(reportSummarySchema) });
export const reportDetailSchema = reportSummarySchema.extend({
  opensOn: z.string(),
  values: z.array(reportValueSchema),
  narrative: z.array(z.object({ label: z.string(), required: z.boolean(), text: z.string() })),
  events: z.array(reportEventSchema),
  can: z.object({ edit: z.boolean(), review: z.boolean(), reopen: z.boolean() }),
});
export type ReportDetail = z.infer<typeof reportDetailSchema>;

export const dueItemSchema = z.object({
  formId: z.string(),
  formName: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  period: z.string(),
  opensOn: z.string(),
  dueOn: z.string(),
  overdue: z.boolean(),
  reportId: z.string().nullable(),
  status: z.enum(reportStatuses).nullable(),
  returnReason: z.string().nullable(),
});
export type DueItem = z.infer<typeof dueItemSchema>;
export const dueList = z.object({ items: z.array(dueItemSchema) });

export const completenessQuery = z.strictObject({ formId: idSchema, period: periodSchema, orgId: idSchema.optional() });
export type CompletenessQuery = z.infer<typeof completenessQuery>;
const figures = z.object({
  expected: z.number(),
  submitted: z.number(),
  onTime: z.number(),
  approved: z.number(),
  returned: z.number(),
  missing: z.number(),
});
export type CompletenessFigures = z.infer<typeof figures>;
export const completenessSchema = z.object({
  form: z.object({ id: z.string(), name: z.string() }),
  org: z.object({ id: z.string(), name: z.string() }),
  breadcrumbs: z.array(z.object({ id: z.string(), name: z.string() })),
  period: z.string(),
  opensOn: z.string(),
  dueOn: z.string(),
  overdue: z.boolean(),
  totals: figures,
  /** per direct child (and 本级 when the org reports itself): its subtree's figures and its own report */
  rows: z.array(
    figures.extend({
      orgId: z.string(),
      name: z.string(),
      own: z.boolean(),
      hasBelow: z.boolean(),
      reportId: z.string().nullable(),
      status: z.enum(reportStatuses).nullable(),
    }),
  ),
});
export type Completeness = z.infer<typeof completenessSchema>;
export const chaseBody = z.strictObject({ formId: idSchema, period: periodSchema, orgId: idSchema.optional() });
export const chaseResult = z.object({
  message: z.string(),
  units: z.array(z.object({ orgId: z.string(), name: z.string(), status: z.enum(reportStatuses).nullable(), reminderId: z.string() })),
});

export const reminderSchema = z.object({
  id: z.string(),
  orgId: z.string(),
  formId: z.string().nullable(),
  period: z.string().nullable(),
  message: z.string(),
  sentByOrgName: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export const reminderList = z.object({ items: z.array(reminderSchema) });

export const aggregateQuery = z.strictObject({ formId: idSchema, period: periodSchema, orgId: idSchema.optional() });
const cell = z.object({ value: z.number().nullable(), units: z.number() });
export const aggregateSchema = z.object({
  form: z.object({ id: z.string(), name: z.string() }),
  org: z.object({ id: z.string(), name: z.string() }),
  period: z.string(),
  metrics: z.array(z.object({ code: z.string(), name: z.string(), unit: z.string(), rollup: z.enum(rollups), valueType: z.enum(valueTypes) })),
  total: z.array(cell),
  rows: z.array(z.object({ orgId: z.string(), name: z.string(), own: z.boolean(), hasBelow: z.boolean(), cells: z.array(cell) })),
});
export type Aggregate = z.infer<typeof aggregateSchema>;
