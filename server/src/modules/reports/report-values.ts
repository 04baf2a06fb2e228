import { periodRange } from '@jinguo/common/periods.ts';
import type { ReportValuesTable } from '../../db/database.ts';
import type { Db } from '../../http/access.ts';
import { pickValue, subtreeKindTotals, type Aggregation } from '../metrics/metric-values.queries.ts';
import type { FieldRow } from './report-forms.queries.ts';
import type { SubtreeValues } from './reports.queries.ts';

/** Values on a report: derived ones counted from the records, reported ones stored, and roll-ups of approved reports. */
export type Cell = { value: number | null; units: number };
export type ReportValue = number | boolean | string | null;
type Rollup = { rollup: 'sum' | 'avg'; value_type: 'number' | 'boolean' | 'text' };

export function cellOf(v: SubtreeValues | undefined, m: Rollup): Cell {
  if (!v) return { value: null, units: 0 };
  const numbers = Number(v.numbers);
  if (m.value_type === 'boolean') return { value: Number(v.trues), units: Number(v.answers) };
  if (m.value_type === 'text') return { value: null, units: Number(v.answers) };
  if (numbers === 0) return { value: null, units: 0 };
  const sum = Number(v.sum);
  return { value: m.rollup === 'avg' ? Math.round((sum / numbers) * 100) / 100 : sum, units: numbers };
}

/** live values of the derived metrics among the fields, for an org's whole subtree: one query for all of them */
export async function derivedValues(
  db: Db,
  org: { id: string; path: string; depth: number; provinceCode: string },
  period: string,
  fields: FieldRow[],
): Promise<Map<string, number>> {
  const derived = fields.filter((f) => f.source === 'derived' && f.aggregation && f.metric_code);
  const kindCodes = [...new Set(derived.flatMap((f) => f.kind_codes ?? []))];
  const out = new Map<string, number>();
  if (!derived.length) return out;
  const totals = await subtreeKindTotals(db, { orgId: org.id, orgPath: org.path, depth: org.depth, provinceCode: org.provinceCode, kindCodes, ...periodRange(period) });
  for (const f of derived) {
    const value = (f.kind_codes ?? []).reduce((s, k) => s + pickValue(totals.get(k), f.aggregation as Aggregation), 0);
    out.set(f.metric_code as string, value);
  }
  return out;
}

export function storedValue(v: Pick<ReportValuesTable, 'number_value' | 'boolean_value' | 'text_value'> | undefined): ReportValue {
  if (!v) return null;
  if (v.number_value !== null) return Number(v.number_value);
  if (v.boolean_value !== null) return v.boolean_value;
  return v.text_value;
}
