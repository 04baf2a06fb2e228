import { z } from 'zod';
import { daySchema, idSchema, pageQuery, paged, text } from './fields.ts';
import { periodSchema } from './periods.ts';

/**
 * Word reports (述职报告, 季度工作进展报告, 年度工作总结): templates as data, documents as editable drafts whose
 * figures come from the records. Placeholders in titles and section bodies:
 *   {{组织}} {{期间}} {{年度}}        the document's org name, period label and year (plain text)
 *   {{指标:代码}}                      a derived metric's value for the org's whole subtree in the period, with unit
 *   {{活动:类型代码}}                  the activities of a kind in the period (a list)
 *   {{目标进展}}                       the targets of the org in the year's plans, with their progress (a list)
 *   {{报送情况}}                       completeness of the period's reports of the units below (a list)
 */
export const docTemplateKinds = ['duty_report', 'quarterly_progress', 'annual_summary', 'other'] as const;
export type DocTemplateKind = (typeof docTemplateKinds)[number];
export const docPeriodTypes = ['year', 'quarter', 'month'] as const;
export const figureKinds = ['metric', 'activities', 'targets', 'completeness'] as const;
export type FigureKind = (typeof figureKinds)[number];

export const TEXT_PLACEHOLDERS = ['组织', '期间', '年度'] as const;
const CODE = /^[a-z0-9_]{1,40}$/;
const PLACEHOLDER = /\{\{([^{}]{1,60})\}\}/g;

export type Placeholder = { raw: string; key: string } & (
  | { kind: 'text'; name: (typeof TEXT_PLACEHOLDERS)[number] }
  | { kind: 'metric'; code: string }
  | { kind: 'activities'; code: string }
  | { kind: 'targets' }
  | { kind: 'completeness' }
  | { kind: 'unknown' }
);

function placeholderOf(raw: string, inner: string): Placeholder {
  const key = inner.trim();
  if ((TEXT_PLACEHOLDERS as readonly string[]).includes(key)) return { raw, key, kind: 'text', name: key as (typeof TEXT_PLACEHOLDERS)[number] };
  if (key === '目标进展') return { raw, key, kind: 'targets' };
  if (key === '报送情况') return { raw, key, kind: 'completeness' };
  const [prefix, code] = key.split(/[:：]/, 2).map((s) => s.trim());
  if (code && CODE.test(code) && prefix === '指标') return { raw, key: `指标:${code}`, kind: 'metric', code };
  if (code && CODE.test(code) && prefix === '活动') return { raw, key: `活动:${code}`, kind: 'activities', code };
  return { raw, key, kind: 'unknown' };
}

/** the placeholders of a text, in order (repeats included) */
export function parsePlaceholders(s: string): Placeholder[] {
  return [...s.matchAll(PLACEHOLDER)].map((m) => placeholderOf(m[0], m[1]));
}

/** the text split into literal parts and placeholders, for rendering */
export function splitByPlaceholders(s: string): (string | Placeholder)[] {
  const out: (string | Placeholder)[] = [];
  let at = 0;
  for (const m of s.matchAll(PLACEHOLDER)) {
    if (m.index > at) out.push(s.slice(at, m.index));
    out.push(placeholderOf(m[0], m[1]));
    at = m.index + m[0].length;
  }
  if (at < s.length) out.push(s.slice(at));
  return out;
}

export const sectionSchema = z.strictObject({
  level: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)], { error: '标题层级应为 1 至 4' }),
  title: text('标题', 60),
  body: z.string({ error: '正文应为文字' }).max(8000, '正文不能超过 8000 个字').refine((s) => !s.includes('\u0000'), '正文含有不允许的字符'),
});
export type DocSection = z.infer<typeof sectionSchema>;
const sections = z.array(sectionSchema).min(1, '至少需要一个部分').max(40, '部分不能超过 40 个');

export const createDocTemplateBody = z.strictObject({
  /** the owner org (default: the actor's own); its subtree sees the template */
  orgId: idSchema.optional(),
  name: text('模板名称', 40),
  kind: z.enum(docTemplateKinds, { error: '模板类型不正确' }),
  periodType: z.enum(docPeriodTypes, { error: '期间类型应为 年、季度 或 月' }),
  title: text('文件标题', 80),
  sections,
  /** the template it was copied from (a shipped default, usually) */
  copiedFromId: idSchema.optional(),
});
export type CreateDocTemplateBody = z.infer<typeof createDocTemplateBody>;
export const updateDocTemplateBody = z.strictObject({
  name: text('模板名称', 40).optional(),
  periodType: z.enum(docPeriodTypes, { error: '期间类型应为 年、季度 或 月' }).optional(),
  title: text('文件标题', 80).optional(),
  sections: sections.optional(),
  active: z.boolean({ error: '启用状态应为是或否' }).optional(),
});
export type UpdateDocTemplateBody = z.infer<typeof updateDocTemplateBody>;

export const docTemplateSchema = z.object({
  id: z.string(),
  ownerOrgId: z.string().nullable(),
  ownerOrgName: z.string().nullable(),
  name: z.string(),
  kind: z.enum(docTemplateKinds),
  periodType: z.enum(docPeriodTypes),
  title: z.string(),
  sections: z.array(z.object({ level: z.number(), title: z.string(), body: z.string() })),
  copiedFromId: z.string().nullable(),
  active: z.boolean(),
  /** the actor may change it (admin or staff of an org above or at the owner; shipped defaults never) */
  editable: z.boolean(),
});
export type DocTemplateView = z.infer<typeof docTemplateSchema>;
export const docTemplateList = z.object({ items: z.array(docTemplateSchema) });

export const createDocumentBody = z.strictObject({
  templateId: idSchema,
  orgId: idSchema,
  period: periodSchema,
});
export const updateDocumentBody = z.strictObject({
  title: text('文件标题', 80).optional(),
  issuer: text('落款单位', 60).optional(),
  issueDate: daySchema.optional(),
  sections: sections.optional(),
  /** optimistic concurrency: the updatedAt the editor saw */
  expectedUpdatedAt: z.string().max(40).optional(),
});
export type UpdateDocumentBody = z.infer<typeof updateDocumentBody>;
export const refreshFiguresBody = z.strictObject({
  /** the figures to fill in again (default: the stale ones) */
  keys: z.array(z.string().max(64, '数字标识过长')).max(200, '一次最多更新 200 个数字').optional(),
});
export const documentListQuery = z.strictObject({
  orgId: idSchema.optional(),
  period: periodSchema.optional(),
  ...pageQuery,
});

export const figureSchema = z.object({
  key: z.string(),
  kind: z.enum(figureKinds),
  label: z.string(),
  unit: z.string().nullable(),
  value: z.number(),
  /** how it reads in the text: "12场"; lists: their lines */
  text: z.string(),
  items: z.array(z.string()),
  recordCount: z.number(),
  /** the page listing the records behind it */
  link: z.string(),
  filledAt: z.string(),
  /** the records changed since it was filled in */
  stale: z.boolean(),
});
export type FigureView = z.infer<typeof figureSchema>;

export const documentSummary = z.object({
  id: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  templateId: z.string(),
  templateName: z.string(),
  period: z.string(),
  title: z.string(),
  updatedAt: z.string(),
});
export type DocumentSummary = z.infer<typeof documentSummary>;
export const documentList = paged(documentSummary);

export const documentDetail = documentSummary.extend({
  issuer: z.string(),
  issueDate: z.string(),
  sections: z.array(z.object({ level: z.number(), title: z.string(), body: z.string() })),
  figures: z.array(figureSchema),
  staleCount: z.number(),
  /** the actor may edit, refresh and delete it */
  mayEdit: z.boolean(),
});
export type DocumentDetail = z.infer<typeof documentDetail>;

const CN_DIGITS = '零一二三四五六七八九';
/** 1 → 一, 12 → 十二, 23 → 二十三 (up to 99) */
export function chineseNumber(n: number): string {
  if (n < 10) return CN_DIGITS[n];
  if (n < 20) return `十${n % 10 ? CN_DIGITS[n % 10] : ''}`;
  return `${CN_DIGITS[Math.floor(n / 10)]}十${n % 10 ? CN_DIGITS[n % 10] : ''}`;
}
const HEADING_NUMBER = [(n: number) => `${chineseNumber(n)}、`, (n: number) => `（${chineseNumber(n)}）`, (n: number) => `${n}.`, (n: number) => `（${n}）`];

/** the GB/T 9704 numbers of a run of headings: 一、 （一） 1. （1）, each level counted again under a new parent */
export function headingNumbers(levels: number[]): string[] {
  const counters = [0, 0, 0, 0];
  return levels.map((raw) => {
    const level = Math.min(4, Math.max(1, raw)) - 1;
    counters[level] += 1;
    for (let deeper = level + 1; deeper < 4; deeper++) counters[deeper] = 0;
    return HEADING_NUMBER[level](counters[level]);
  });
}
