import type { ImportError } from '@jinguo/common/imports.schema.ts';
import type { FieldSpec } from './import-fields.ts';
import type { ColumnMapping } from './import-mapping.ts';
import { textOf, type CellValue } from './import-sheet.ts';

/**
 * Reading the cells of one row by field, each problem recorded with the row number, the column's header and a
 * Chinese reason. A reader returns undefined for a cell it refused, so a row with any problem is never written.
 */
export type RowReader = ReturnType<typeof rowReader>;
/** an error with the 0-based column of the sheet it marks (null when the field has no column) */
export type CellError = ImportError & { col: number | null };
export type SheetContext = { fields: FieldSpec[]; mapping: ColumnMapping; headers: string[]; errors: CellError[] };

function columnName(ctx: SheetContext, field: string): string {
  const col = ctx.mapping[field];
  const spec = ctx.fields.find((f) => f.field === field);
  if (col === null || col === undefined) return spec?.header ?? field;
  return ctx.headers[col] || `第 ${col + 1} 列`;
}

const NUL = '\u0000';

/** Excel's serial day numbers count from 1899-12-30 */
function fromSerial(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 80_000) return null;
  return new Date(Date.UTC(1899, 11, 30) + Math.floor(serial) * 86_400_000).toISOString().slice(0, 10);
}

function validDay(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

/** a day from a date cell, an Excel serial, '2026-03-08', '2026/3/8', '2026.3.8', '2026年3月8日' or '20260308' */
function parseDay(v: CellValue): string | null {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString().slice(0, 10);
  if (typeof v === 'number') {
    if (v >= 19000101 && v <= 21001231 && Number.isInteger(v)) return parseDay(String(v));
    return fromSerial(v);
  }
  const s = textOf(v);
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  return m ? validDay(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

export function rowReader(ctx: SheetContext, row: number, cells: CellValue[]) {
  let failed = false;
  const raw = (field: string): CellValue => {
    const col = ctx.mapping[field];
    return col === null || col === undefined ? null : (cells[col] ?? null);
  };
  const fail = (field: string, message: string): undefined => {
    failed = true;
    ctx.errors.push({ row, column: columnName(ctx, field), message, col: ctx.mapping[field] ?? null });
    return undefined;
  };
  const label = (field: string) => ctx.fields.find((f) => f.field === field)?.header ?? field;
  const text = (field: string, max: number, required: boolean): string | null | undefined => {
    const s = textOf(raw(field));
    if (s === '') return required ? fail(field, `${label(field)}不能为空`) : null;
    if (s.includes(NUL)) return fail(field, `${label(field)}含有不允许的字符`);
    if (s.length > max) return fail(field, `${label(field)}不能超过 ${max} 个字（现有 ${s.length} 个字）`);
    return s;
  };
  return {
    get failed() {
      return failed;
    },
    raw,
    fail,
    text,
    requiredText: (field: string, max: number) => text(field, max, true) as string | undefined,
    count(field: string, max: number): number | undefined {
      const v = raw(field);
      if (v === null) return fail(field, `${label(field)}不能为空`);
      const n = typeof v === 'number' ? v : Number(textOf(v).replace(/[,，]/g, '').replace(/[人次个场]+$/, ''));
      if (!Number.isFinite(n) || typeof v === 'boolean' || v instanceof Date) return fail(field, `${label(field)}应为数字（现为“${textOf(v)}”）`);
      if (!Number.isInteger(n)) return fail(field, `${label(field)}应为整数`);
      if (n < 0) return fail(field, `${label(field)}不能为负数`);
      if (n > max) return fail(field, `${label(field)}不能超过 ${max}`);
      return n;
    },
    day(field: string): string | undefined {
      const v = raw(field);
      if (v === null) return fail(field, `${label(field)}不能为空`);
      const day = parseDay(v);
      return day ?? fail(field, `${label(field)}不是有效日期（现为“${textOf(v)}”），应为 2026-03-08 这样的格式`);
    },
  };
}
