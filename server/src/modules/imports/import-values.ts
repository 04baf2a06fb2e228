import type { ImportError } from '@jinguo/common/imports.schema.ts';
import type { FieldSpec } from './import-fields.ts';
import type { ColumnMapping } from './import-mapping.ts';
import { textOf, type CellValue } from './import-sheet.ts';

/**
 * Reading the cells of one row by field, each problem recorded with the row number, the column's header and a
 * Chinese reason. A reader returns undefined for a cell it refused, so a row with any problem is never written.
 */
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

/** one per row, many thousand times a second: a class, so that a row allocates one object and no closures */
class RowReader {
  #failed = false;
  constructor(
    private readonly ctx: SheetContext,
    private readonly row: number,
    private readonly cells: CellValue[],
  ) {}

  get failed(): boolean {
    return this.#failed;
  }

  raw(field: string): CellValue {
    const col = this.ctx.mapping[field];
    return col === null || col === undefined ? null : (this.cells[col] ?? null);
  }

  fail(field: string, message: string): undefined {
    this.#failed = true;
    this.ctx.errors.push({ row: this.row, column: columnName(this.ctx, field), message, col: this.ctx.mapping[field] ?? null });
    return undefined;
  }

  private label(field: string): string {
    return this.ctx.fields.find((f) => f.field === field)?.header ?? field;
  }

  text(field: string, max: number, required: boolean): string | null | undefined {
    const s = textOf(this.raw(field));
    if (s === '') return required ? this.fail(field, `${this.label(field)}不能为空`) : null;
    if (s.includes(NUL)) return this.fail(field, `${this.label(field)}含有不允许的字符`);
    if (s.length > max) return this.fail(field, `${this.label(field)}不能超过 ${max} 个字（现有 ${s.length} 个字）`);
    return s;
  }

  requiredText(field: string, max: number): string | undefined {
    return this.text(field, max, true) as string | undefined;
  }

  count(field: string, max: number): number | undefined {
    const v = this.raw(field);
    const label = () => this.label(field);
    if (v === null) return this.fail(field, `${label()}不能为空`);
    const n = typeof v === 'number' ? v : Number(textOf(v).replace(/[,，]/g, '').replace(/[人次个场]+$/, ''));
    if (!Number.isFinite(n) || typeof v === 'boolean' || v instanceof Date) return this.fail(field, `${label()}应为数字（现为“${textOf(v)}”）`);
    if (!Number.isInteger(n)) return this.fail(field, `${label()}应为整数`);
    if (n < 0) return this.fail(field, `${label()}不能为负数`);
    if (n > max) return this.fail(field, `${label()}不能超过 ${max}`);
    return n;
  }

  day(field: string): string | undefined {
    const v = this.raw(field);
    if (v === null) return this.fail(field, `${this.label(field)}不能为空`);
    const day = parseDay(v);
    return day ?? this.fail(field, `${this.label(field)}不是有效日期（现为“${textOf(v)}”），应为 2026-03-08 这样的格式`);
  }
}

export type { RowReader };

export function rowReader(ctx: SheetContext, row: number, cells: CellValue[]): RowReader {
  return new RowReader(ctx, row, cells);
}
