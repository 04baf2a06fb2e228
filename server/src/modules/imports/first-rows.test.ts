import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstRecords } from './first-rows.ts';

type Rec = { row: number; org: string; date: string; title: string };
const keyOf = (r: Rec) => [r.org, r.date, r.title] as const;

/** the reference: a Map keyed by the joined fields (a separator no generated field contains) */
function naiveEarlier(records: Rec[]): (number | undefined)[] {
  const first = new Map<string, number>();
  return records.map((r) => {
    const key = keyOf(r).join('\u0000');
    const seen = first.get(key);
    if (seen === undefined) first.set(key, r.row);
    return seen;
  });
}

const records = fc
  .array(fc.record({ org: fc.constantFrom('东关村', '西关', '关村', ''), date: fc.constantFrom('2026-03-01', '2026-03-1'), title: fc.string({ maxLength: 3 }) }), { maxLength: 60 })
  .map((rs) => rs.map((r, i) => ({ ...r, row: i + 2 })));

describe('firstRecords', () => {
  it('finds the first earlier record with the same key, as a map of the whole keys would', () => {
    fc.assert(
      fc.property(records, (rs) => {
        const seen = firstRecords(keyOf);
        expect(rs.map((r) => seen.earlier(r)?.row)).toEqual(naiveEarlier(rs));
      }),
    );
  });

  it('never takes records whose hashes collide for duplicates', () => {
    fc.assert(
      fc.property(records, (rs) => {
        const seen = firstRecords(keyOf, () => 42);
        expect(rs.map((r) => seen.earlier(r)?.row)).toEqual(naiveEarlier(rs));
      }),
    );
  });

  it('tells keys apart whose fields join to the same text', () => {
    const seen = firstRecords(keyOf);
    expect(seen.earlier({ row: 2, org: '东关', date: '村', title: 'x' })).toBeUndefined();
    expect(seen.earlier({ row: 3, org: '东', date: '关村', title: 'x' })).toBeUndefined();
  });
});
