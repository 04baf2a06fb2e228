import { z } from 'zod';
import { daySchema, idSchema, text } from './fields.ts';
import { metricUnits } from './units.ts';

/**
 * Reading a plan document (.docx or pasted text) into a plan: the server proposes a section tree and numeric
 * commitments as targets; a person edits the tree, confirms / edits / drops each proposal, then saves.
 */
const year = z.number({ error: '年度应为数字' }).int('年度应为整数').min(2000, '年度应在 2000 至 2100 之间').max(2100, '年度应在 2000 至 2100 之间');
const metricCode = z.string().regex(/^[a-z0-9_]{1,40}$/, '指标编码不正确');
const targetValue = z
  .number({ error: '目标值应为数字' })
  .min(0, '目标值不能为负数')
  .max(100_000_000, '目标值不能超过 1 亿')
  .refine((v) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-6, '目标值最多保留两位小数');
/** a key the browser gives each node of the tree, so that targets and children can name it */
const nodeKey = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, '节点编号应为 1 至 40 位字母、数字、下划线或短横线');

/** the longest text accepted for pasting (a long plan is some 30,000 characters) */
export const MAX_PLAN_TEXT = 100_000;
/** the largest .docx accepted for reading */
export const MAX_PLAN_DOCX_BYTES = 10 * 1024 * 1024;

export const planImportTextBody = z.strictObject({
  text: z
    .string({ error: '计划正文应为文字' })
    .max(MAX_PLAN_TEXT, `计划正文不能超过 ${MAX_PLAN_TEXT} 个字`)
    .refine((s) => s.trim().length > 0, '请粘贴计划正文')
    .refine((s) => !s.includes('\u0000'), '计划正文含有不允许的字符'),
  /** the plan's year, when known: figures of earlier years are then read as past */
  year: year.nullish(),
});
export type PlanImportTextBody = z.infer<typeof planImportTextBody>;

export const importNode = z.object({
  key: z.string(),
  parentKey: z.string().nullable(),
  /** 1 for 一、, 2 for （一）, 3 for 1. / 1、, 4 for （1）, 5 for ①; Word's heading style or list depth when the numbering is Word's own (up to 6); 0 for the text before the first heading */
  level: z.number(),
  /** the numbering as written ("一、", "（二）", "3."), empty when none */
  numbering: z.string(),
  title: z.string(),
  body: z.string().nullable(),
});
export type ImportNode = z.infer<typeof importNode>;

export const metricRef = z.object({ code: z.string(), name: z.string(), unit: z.enum(metricUnits) });
export const newMetric = z.strictObject({ name: text('指标名称', 50), unit: z.enum(metricUnits, { error: '单位不正确' }) });
export type NewMetric = z.infer<typeof newMetric>;

export const importProposal = z.object({
  key: z.string(),
  nodeKey: z.string(),
  /** the sentence the figure came from */
  sentence: z.string(),
  /** the figure as written ("不少于200场", "90%") */
  quote: z.string(),
  value: z.number(),
  unit: z.enum(metricUnits),
  /** the unit as written when it differs (名 → 人, 家 → 个) */
  unitText: z.string(),
  verb: z.string().nullable(),
  object: z.string().nullable(),
  /** an existing metric that fits, or null */
  metric: metricRef.nullable(),
  /** the metric to create when none fits (also offered when one does) */
  newMetric: z.object({ name: z.string(), unit: z.enum(metricUnits) }),
  /** a deadline the sentence names ("6月底前" → "06-30"), as month and day of the plan's year; null: the year's end */
  deadline: z.string().regex(/^\d{2}-\d{2}$/).nullable(),
});
export type ImportProposal = z.infer<typeof importProposal>;

export const skippedFigure = z.object({ quote: z.string(), sentence: z.string(), reason: z.string() });
export type SkippedFigure = z.infer<typeof skippedFigure>;

export const planImportDraft = z.object({
  /** the document's title when its first line looks like one */
  title: z.string().nullable(),
  /** the year named in the title (or given) */
  year: z.number().nullable(),
  nodes: z.array(importNode),
  proposals: z.array(importProposal),
  /** figures with a unit that were left out, and why (a year, an ordinal, a past figure …) */
  skipped: z.array(skippedFigure),
  paragraphs: z.number(),
  /** the actor may create new metrics (admins) */
  mayCreateMetrics: z.boolean(),
});
export type PlanImportDraft = z.infer<typeof planImportDraft>;

export const importTaskInput = z.strictObject({
  key: nodeKey,
  /** a task earlier in the list; null at the top */
  parentKey: nodeKey.nullish(),
  title: text('任务名称', 200),
  body: z
    .string({ error: '任务说明应为文字' })
    .trim()
    .max(4000, '任务说明不能超过 4000 个字')
    .refine((s) => !s.includes('\u0000'), '任务说明含有不允许的字符')
    .nullish()
    .transform((v) => (v ? v : null)),
});
export type ImportTaskInput = z.infer<typeof importTaskInput>;

/** a confirmed proposal: an existing metric (metricCode) or a new one (newMetric), not both */
export const importTargetInput = z.strictObject({
  taskKey: nodeKey,
  metricCode: metricCode.nullish(),
  newMetric: newMetric.nullish(),
  value: targetValue,
  /** defaults to the last day of the plan's year */
  deadline: daySchema.nullish(),
});
export type ImportTargetInput = z.infer<typeof importTargetInput>;

const importContent = {
  tasks: z.array(importTaskInput, { error: '任务应为列表' }).min(1, '至少保留一项任务').max(500, '任务不能超过 500 项'),
  targets: z.array(importTargetInput, { error: '目标应为列表' }).max(500, '目标不能超过 500 个'),
};

/** save as a new draft plan of an org */
export const confirmPlanImportBody = z.strictObject({ orgId: idSchema, year, title: text('计划名称', 100), ...importContent });
/** add to an existing draft plan */
export const addPlanImportBody = z.strictObject(importContent);
export type ConfirmPlanImportBody = z.infer<typeof confirmPlanImportBody>;
export type AddPlanImportBody = z.infer<typeof addPlanImportBody>;

export const planImportResult = z.object({ planId: z.string(), tasks: z.number(), targets: z.number(), metricsCreated: z.number() });
export type PlanImportResult = z.infer<typeof planImportResult>;
