/**
 * The records of a file seen so far, to tell a row that repeats an earlier one, without a key string per row (a
 * 100,000-row ledger would keep 25 MB of them): a 52-bit hash of the key's fields points to the first record that
 * had it, and records with the same hash are compared field by field, so that a collision never makes two
 * different rows duplicates.
 */
type Field = string | number;

function hash52(fields: readonly Field[]): number {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (const field of fields) {
    const s = String(field);
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995);
      b ^= b >>> 15;
    }
    // a separator, so that ('ab', 'c') and ('a', 'bc') differ
    a = Math.imul(a ^ 0x1f, 0x01000193);
    b = Math.imul(b ^ 0x1f, 0x5bd1e995);
  }
  return (a >>> 0) * 0x100000 + (b >>> 12);
}

const sameFields = (x: readonly Field[], y: readonly Field[]) => x.length === y.length && x.every((v, i) => v === y[i]);

/** `hash` is for tests that make every key collide */
export function firstRecords<T>(keyOf: (record: T) => readonly Field[], hash: (fields: readonly Field[]) => number = hash52) {
  const byHash = new Map<number, T | T[]>();
  return {
    /** the earlier record with the same key, or undefined, after which this one is the first with its key */
    earlier(record: T): T | undefined {
      const key = keyOf(record);
      const h = hash(key);
      const held = byHash.get(h);
      if (held === undefined) {
        byHash.set(h, record);
        return undefined;
      }
      const candidates = Array.isArray(held) ? held : [held];
      const same = candidates.find((c) => sameFields(keyOf(c), key));
      if (same === undefined) byHash.set(h, [...candidates, record]);
      return same;
    },
  };
}
