import crypto from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Database } from '../db/database.ts';
import type { Db } from '../http/access.ts';
import { parseDivisionScope, readDivisions, type Division, type DivisionScope } from './division-data.ts';

/**
 * Loads the federations of the administrative divisions (a county, a province or the whole country) into the
 * org tree, with the ancestors of what is loaded so that the tree keeps its root. Loading is idempotent: a
 * division whose code or path is already in the tree is kept as it is and serves as the parent of its children.
 * The whole country (~665,000 orgs) goes in large `unnest` batches, parents before children, in one transaction.
 */
export type DivisionLoadResult = { total: number; inserted: number; existing: number };

const BATCH_SIZE = 25_000;

type Placed = { id: string; path: string; depth: number };
type Row = Placed & { division: Division; parentId: string | null };

export async function loadDivisions(db: Db, code: string): Promise<DivisionLoadResult> {
  const scope = parseDivisionScope(code);
  const divisions = readDivisions(scope);
  if (db.isTransaction) return insertDivisions(db as Transaction<Database>, scope, divisions);
  return db.transaction().execute((trx) => insertDivisions(trx, scope, divisions));
}

async function insertDivisions(trx: Transaction<Database>, scope: DivisionScope, divisions: Division[]): Promise<DivisionLoadResult> {
  // the first load into an empty province (or country) needs no conflict checks, which cost a quarter of its time
  const checkConflicts = await provinceHoldsOrgs(trx, scope);
  const placed = new Map<string, Placed>();
  let inserted = 0;
  for (let start = 0; start < divisions.length; ) {
    // a batch holds one level only, so every parent is placed before its children are built
    const level = divisions[start].level;
    let end = start;
    while (end < divisions.length && end - start < BATCH_SIZE && divisions[end].level === level) end++;
    const ids = newIds(end - start);
    const rows = divisions.slice(start, end).map((d, i) => placeRow(d, ids[i], placed));
    const insertedIds = await insertRows(trx, rows, checkConflicts);
    inserted += insertedIds ? insertedIds.size : rows.length;
    const skipped = insertedIds ? rows.filter((r) => !insertedIds.has(r.id)) : [];
    for (const r of rows) placed.set(r.division.code, r);
    for (const [code, existing] of await findExisting(trx, skipped)) placed.set(code, existing);
    start = end;
  }
  return { total: divisions.length, inserted, existing: divisions.length - inserted };
}

/** whether any org could be in the way: one of the scope's province (by path or division code), or any at all */
async function provinceHoldsOrgs(trx: Transaction<Database>, scope: DivisionScope): Promise<boolean> {
  let query = trx.selectFrom('orgs').select('id').limit(1);
  if (scope.kind !== 'all') {
    const province = scope.code.slice(0, 2);
    query = query.where((eb) => eb.or([eb('path', 'like', `${province}.%`), eb('division_code', 'like', `${province}%`)]));
  }
  return Boolean(await query.executeTakeFirst());
}

/** UUIDv7s with their random bits drawn in one call: one call per id is a tenth of a national load's time */
function newIds(count: number): string[] {
  const random = crypto.randomBytes(count * 16);
  return Array.from({ length: count }, (_, i) => uuidv7({ random: random.subarray(i * 16, i * 16 + 16) }));
}

function placeRow(division: Division, id: string, placed: Map<string, Placed>): Row {
  const parent = division.parentCode ? placed.get(division.parentCode) : undefined;
  if (division.parentCode && !parent) throw new Error(`行政区划 ${division.code} 的上级 ${division.parentCode} 未载入`);
  return {
    division,
    id,
    parentId: parent?.id ?? null,
    path: `${parent?.path ?? ''}${division.segment}.`,
    depth: parent ? parent.depth + 1 : 0,
  };
}

/**
 * Inserts what is not there yet (by id, path or division code). Returns null when every row went in (the usual
 * case, told by the row count rather than by returning ~665,000 ids), else the ids that did.
 */
async function insertRows(trx: Transaction<Database>, rows: Row[], checkConflicts: boolean): Promise<Set<string> | null> {
  const ids = rows.map((r) => r.id);
  const result = await sql`
    insert into orgs (id, parent_id, path, depth, kind, level, name, division_code, province_code)
    select u.id, u.parent_id, u.path, u.depth, 'federation', u.level, u.name, u.division_code, left(u.division_code, 2)
    from unnest(
      ${ids}::uuid[], ${rows.map((r) => r.parentId)}::uuid[], ${rows.map((r) => r.path)}::text[],
      ${rows.map((r) => r.depth)}::int2[], ${rows.map((r) => r.division.level)}::text[],
      ${rows.map((r) => r.division.name)}::text[], ${rows.map((r) => r.division.code)}::text[]
    ) as u(id, parent_id, path, depth, level, name, division_code)
    ${checkConflicts ? sql`on conflict do nothing` : sql``}`.execute(trx);
  if (Number(result.numAffectedRows) === rows.length) return null;
  const present = await sql<{ id: string }>`select id from orgs where id = any(${ids}::uuid[])`.execute(trx);
  return new Set(present.rows.map((r) => r.id));
}

/**
 * The orgs already standing for skipped rows: the one with the division code, else a federation without a code
 * at the same path (e.g. made by hand). Anything else at that path is a conflict an operator must resolve.
 */
async function findExisting(trx: Transaction<Database>, skipped: Row[]): Promise<Map<string, Placed>> {
  const found = new Map<string, Placed>();
  if (skipped.length === 0) return found;
  const existing = await sql<Placed & { division_code: string | null; kind: string }>`
    select id, path, depth, division_code, kind from orgs
    where division_code = any(${skipped.map((r) => r.division.code)}::text[])
       or path = any(${skipped.map((r) => r.path)}::text[])`.execute(trx);
  const byCode = new Map(existing.rows.filter((o) => o.division_code).map((o) => [o.division_code, o]));
  const byPath = new Map(existing.rows.map((o) => [o.path, o]));
  for (const r of skipped) {
    const atPath = byPath.get(r.path);
    const org = byCode.get(r.division.code) ?? (atPath && !atPath.division_code && atPath.kind === 'federation' ? atPath : undefined);
    if (!org) throw new Error(`无法载入行政区划 ${r.division.code}（${r.division.name}）：路径 ${r.path} 已被其他组织占用`);
    found.set(r.division.code, { id: org.id, path: org.path, depth: org.depth });
  }
  return found;
}
