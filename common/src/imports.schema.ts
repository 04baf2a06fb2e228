import { z } from 'zod';
import { idSchema } from './fields.ts';

/**
 * Excel imports: a template per kind, an upload that proposes a column mapping, then a job that reads, checks
 * every row and writes all rows in one transaction (or none). The browser polls the job.
 */
export const importKinds = ['activities', 'people', 'orgs'] as const;
export const importKindSchema = z.enum(importKinds, { error: '导入类型应为 activities、people 或 orgs' });
export type ImportKind = z.infer<typeof importKindSchema>;

export const importKindLabels: Record<ImportKind, string> = { activities: '活动台账', people: '人员名册', orgs: '组织（新领域、妇女小组等）' };

export const importStatuses = ['uploaded', 'running', 'succeeded', 'failed', 'interrupted'] as const;
export type ImportStatus = (typeof importStatuses)[number];
export const importStatusLabels: Record<ImportStatus, string> = {
  uploaded: '待导入',
  running: '导入中',
  succeeded: '已导入',
  failed: '未导入（有错误）',
  interrupted: '已中断（未导入）',
};

/** the file is read twice: once to check every row, once (when all are good) to write them */
export const importPhases = ['validate', 'write'] as const;
export type ImportPhase = (typeof importPhases)[number];
export const importPhaseLabels: Record<ImportPhase, string> = { validate: '校验', write: '写入' };

export const importKindQuery = z.strictObject({ kind: importKindSchema });
export const importListQuery = z.strictObject({ kind: importKindSchema.optional() });

/** a field of the kind's template: its code, Chinese header, whether a value is required */
export const importFieldSchema = z.object({ field: z.string(), header: z.string(), required: z.boolean(), hint: z.string() });
export type ImportField = z.infer<typeof importFieldSchema>;

/** field code → 0-based column index of the sheet (null: not imported) */
const mappingSchema = z.record(z.string().max(40), z.number().int().min(0).max(199).nullable());

export const importErrorSchema = z.object({
  /** the row number as Excel shows it */
  row: z.number().int(),
  /** the column's header in the uploaded sheet, or the field's header when the column is missing */
  column: z.string(),
  message: z.string(),
});
export type ImportError = z.infer<typeof importErrorSchema>;

export const importJobSchema = z.object({
  id: z.string(),
  kind: importKindSchema,
  status: z.enum(importStatuses),
  phase: z.enum(importPhases).nullable(),
  fileName: z.string(),
  sheetName: z.string().nullable(),
  /** the sheet's header row: one name per column ('' for an empty header) */
  headers: z.array(z.string()),
  fields: z.array(importFieldSchema),
  mapping: mappingSchema,
  processed: z.number().int(),
  /** data rows; null while still unknown (the file is read as a stream) */
  total: z.number().int().nullable(),
  imported: z.number().int(),
  errorCount: z.number().int(),
  /** the first errors (all of them through /errors) */
  errors: z.array(importErrorSchema),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  createdBy: z.string().nullable(),
});
export type ImportJob = z.infer<typeof importJobSchema>;

export const importJobList = z.object({ items: z.array(importJobSchema.omit({ errors: true, fields: true, headers: true, mapping: true })) });
export type ImportJobSummary = z.infer<typeof importJobList>['items'][number];

export const startImportBody = z.strictObject({ mapping: mappingSchema });

export const importErrorsQuery = z.strictObject({
  page: z.coerce.number({ error: '页码应为数字' }).int('页码应为整数').min(1, '页码应从 1 开始').max(100_000, '页码过大').default(1),
  pageSize: z.coerce.number({ error: '每页条数应为数字' }).int('每页条数应为整数').min(1, '每页至少 1 条').max(500, '每页最多 500 条').default(100),
});
export const importErrorList = z.object({ items: z.array(importErrorSchema), total: z.number().int() });

export const importJobParams = z.strictObject({ id: idSchema });
