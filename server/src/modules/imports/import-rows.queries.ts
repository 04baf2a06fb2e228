import { sql, type Insertable } from 'kysely';
import type { OrgsTable, PersonsTable } from '../../db/database.ts';
import { subtreePattern, type Db, type Trx } from '../../http/access.ts';
import type { LookupOrg } from './org-lookup.ts';

/**
 * What imports read to check rows, and their bulk writes. Bulk inserts pass one array per column and unnest them
 * (one statement and a handful of parameters per few thousand rows, instead of a VALUES list with a parameter
 * per cell).
 */
export async function listSubtreeOrgs(db: Db, scope: { orgPath: string }): Promise<LookupOrg[]> {
  const rows = await db
    .selectFrom('orgs')
    .select(['id', 'name', 'path', 'depth', 'parent_id', 'status', 'division_code', 'province_code'])
    .where('path', 'like', subtreePattern(scope.orgPath))
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    path: r.path,
    depth: r.depth,
    parentId: r.parent_id,
    status: r.status,
    divisionCode: r.division_code,
    provinceCode: r.province_code.trim(),
  }));
}

/**
 * the activities of these orgs between two days (both included) with one of these titles: those an imported
 * activity may repeat (the caller compares the whole key); the titles keep the answer small
 */
export async function listActivityKeys(db: Db, q: { provinceCode: string; orgIds: string[]; from: string; to: string; titles: string[] }) {
  if (q.orgIds.length === 0) return [];
  const { rows } = await sql<{ org_id: string; date: string; kind_code: string; title: string }>`
    select a.org_id, a.date, a.kind_code, a.title from activities a
    where a.org_id = any(${q.orgIds}::uuid[]) and a.date >= ${q.from}::date and a.date <= ${q.to}::date
      and a.province_code = ${q.provinceCode} and a.title = any(${q.titles}::text[])`.execute(db);
  return rows;
}

export type ActivityColumns = {
  ids: string[];
  orgIds: string[];
  kindCodes: string[];
  titles: string[];
  dates: string[];
  places: (string | null)[];
  participants: number[];
  notes: (string | null)[];
};

export async function insertActivityBatch(trx: Trx, c: { provinceCode: string; createdBy: string; importId: string; now: Date }, cols: ActivityColumns) {
  await sql`
    insert into activities (province_code, id, org_id, kind_code, title, date, place, participants, notes, created_by, import_id, created_at, updated_at)
    select ${c.provinceCode}, t.id, t.org_id, t.kind_code, t.title, t.date, t.place, t.participants, t.notes, ${c.createdBy}::uuid, ${c.importId}::uuid, ${c.now}, ${c.now}
    from unnest(${cols.ids}::uuid[], ${cols.orgIds}::uuid[], ${cols.kindCodes}::text[], ${cols.titles}::text[], ${cols.dates}::date[],
                ${cols.places}::text[], ${cols.participants}::int[], ${cols.notes}::text[])
      as t(id, org_id, kind_code, title, date, place, participants, notes)`.execute(trx);
}

/** persons of the province holding these ID-number fingerprints, with their org's path (to tell visible ones) */
export async function findIdNumberHolders(db: Db, provinceCode: string, hashes: string[]) {
  if (hashes.length === 0) return [];
  return db
    .selectFrom('persons as p')
    .innerJoin('orgs as o', 'o.id', 'p.org_id')
    .select(['p.id_number_hash as hash', 'p.name', 'o.path'])
    .where('p.province_code', '=', provinceCode)
    .where('p.id_number_hash', 'in', hashes)
    .execute();
}

export async function insertPersonBatch(trx: Trx, rows: Insertable<PersonsTable>[]) {
  if (rows.length > 0) await trx.insertInto('persons').values(rows).execute();
}

/** names of the active children of these orgs */
export async function listActiveChildNames(db: Db, parentIds: string[]) {
  if (parentIds.length === 0) return [];
  return db.selectFrom('orgs').select(['parent_id', 'name']).where('parent_id', 'in', parentIds).where('status', '=', 'active').execute();
}

export async function listTakenPaths(db: Db, paths: string[]): Promise<Set<string>> {
  if (paths.length === 0) return new Set();
  const rows = await db.selectFrom('orgs').select('path').where('path', 'in', paths).execute();
  return new Set(rows.map((r) => r.path));
}

export async function insertOrgBatch(trx: Trx, rows: Insertable<OrgsTable>[]) {
  if (rows.length > 0) await trx.insertInto('orgs').values(rows).execute();
}
