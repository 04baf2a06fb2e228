import { AppError } from '../../http/app-error.ts';
import type { FieldSpec } from './import-fields.ts';
import { normaliseHeader } from './import-sheet.ts';

/** field code → 0-based column of the sheet, or null when the field is not imported */
export type ColumnMapping = Record<string, number | null>;

/**
 * The proposed mapping: each field takes the column whose header is its own header, else one of its synonyms,
 * else a header that contains its header ('参加人数（人）'); a column serves one field only.
 */
export function proposeMapping(headers: string[], fields: FieldSpec[]): ColumnMapping {
  const names = headers.map(normaliseHeader);
  const taken = new Set<number>();
  const mapping: ColumnMapping = {};
  const pick = (match: (name: string, f: FieldSpec) => boolean) => {
    for (const f of fields) {
      if (mapping[f.field] !== undefined && mapping[f.field] !== null) continue;
      const i = names.findIndex((n, idx) => n !== '' && !taken.has(idx) && match(n, f));
      if (i >= 0) {
        mapping[f.field] = i;
        taken.add(i);
      }
    }
  };
  pick((n, f) => n === normaliseHeader(f.header));
  pick((n, f) => f.synonyms.some((s) => n === normaliseHeader(s)));
  pick((n, f) => n.includes(normaliseHeader(f.header)));
  for (const f of fields) mapping[f.field] ??= null;
  return mapping;
}

function mappingError(path: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', { message: `列对应有误：${message}`, fields: [{ path, message }] });
}

/** the mapping as sent by the browser: known fields only, columns of the sheet, each column once, required fields set */
export function checkMapping(mapping: ColumnMapping, fields: FieldSpec[], columnCount: number): ColumnMapping {
  const known = new Set(fields.map((f) => f.field));
  const unknown = Object.keys(mapping).find((k) => !known.has(k));
  if (unknown) throw mappingError(`body.mapping.${unknown}`, `没有名为“${unknown}”的字段`);
  const used = new Map<number, string>();
  const checked: ColumnMapping = {};
  for (const f of fields) {
    const col = mapping[f.field] ?? null;
    if (col === null) {
      if (f.required) throw mappingError(`body.mapping.${f.field}`, `请为“${f.header}”选择一列`);
      checked[f.field] = null;
      continue;
    }
    if (col >= columnCount) throw mappingError(`body.mapping.${f.field}`, `“${f.header}”选择的列不在表格中`);
    const other = used.get(col);
    if (other) throw mappingError(`body.mapping.${f.field}`, `“${f.header}”与“${other}”选择了同一列`);
    used.set(col, f.header);
    checked[f.field] = col;
  }
  return checked;
}
