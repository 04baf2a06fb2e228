import { sql, type QueryCreator, type Selectable, type SelectQueryBuilder } from 'kysely';
import type { Database, NewOrg, OrgsTable } from '../../db/database.ts';
import { subtreePattern, type Db, type Trx } from '../../http/access.ts';

/**
 * Org tree queries. Subtrees are prefix matches on `path` (C collation, served by the unique btree), direct
 * children go through orgs_parent_idx, names through the trigram index; nothing here walks the whole table.
 */
const orgColumns = ['id', 'parent_id', 'name', 'kind', 'level', 'depth', 'division_code', 'status', 'path', 'province_code'] as const;
export type OrgRow = Pick<Selectable<OrgsTable>, (typeof orgColumns)[number]>;
export type OrgRowWithChildCount = OrgRow & { child_count: number };

type OrgRowsQuery = SelectQueryBuilder<Database, 'orgs', OrgRow>;

/** the rows `pick` selects, each with its number of active children, counted in one grouped subquery */
async function withActiveChildCounts(db: Db, pick: (qc: QueryCreator<Database>) => OrgRowsQuery): Promise<OrgRowWithChildCount[]> {
  return db
    .with('m', (qc) => pick(qc))
    .selectFrom('m')
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('orgs as c')
          .select(['c.parent_id', sql<number>`count(*)`.as('n')])
          .where('c.status', '=', 'active')
          // = any(array(...)) makes the ids an index condition on orgs_parent_idx; a plain IN over the CTE let
          // the planner hash-join against a scan of every org
          .where(sql<boolean>`c.parent_id = any(array(select m.id from m))`)
          .groupBy('c.parent_id')
          .as('cc'),
      (join) => join.onRef('cc.parent_id', '=', 'm.id'),
    )
    .selectAll('m')
    .select(sql<number>`coalesce(cc.n, 0)`.as('child_count'))
    .orderBy('m.depth')
    .orderBy(sql`m.kind <> 'federation'`)
    .orderBy(sql`case when m.kind = 'federation' then m.path end`)
    .orderBy('m.name')
    .execute();
}

export async function findOrgWithChildCount(db: Db, id: string): Promise<OrgRowWithChildCount | undefined> {
  const rows = await withActiveChildCounts(db, (qc) => qc.selectFrom('orgs').select(orgColumns).where('id', '=', id));
  return rows[0];
}

/** administrative children in division-code order, then the others by name */
export function listChildOrgs(db: Db, parentId: string, opts: { includeClosed: boolean }) {
  return withActiveChildCounts(db, (qc) => {
    const q = qc.selectFrom('orgs').select(orgColumns).where('parent_id', '=', parentId);
    return opts.includeClosed ? q : q.where('status', '=', 'active');
  });
}

/** name contains `pattern` (an ILIKE pattern, already escaped) within the subtree at `subtreePath` */
export function searchOrgsByName(db: Db, q: { subtreePath: string; pattern: string; includeClosed: boolean; limit: number }) {
  return withActiveChildCounts(db, (qc) => {
    let s = qc
      .selectFrom('orgs')
      .select(orgColumns)
      .where('path', 'like', subtreePattern(q.subtreePath))
      .where('name', 'ilike', q.pattern);
    if (!q.includeClosed) s = s.where('status', '=', 'active');
    return s.orderBy('depth').orderBy('path').limit(q.limit);
  });
}

/** id and name of the orgs at these exact paths (ancestors for breadcrumbs and path names) */
export async function findOrgsByPaths(db: Db, paths: string[]) {
  if (paths.length === 0) return [];
  return db.selectFrom('orgs').select(['id', 'name', 'path', 'depth']).where('path', 'in', paths).orderBy('depth').execute();
}

export async function pathExists(db: Db, path: string): Promise<boolean> {
  const row = await db.selectFrom('orgs').select('id').where('path', '=', path).executeTakeFirst();
  return row !== undefined;
}

export async function countActiveChildren(db: Db, parentId: string): Promise<number> {
  const row = await db
    .selectFrom('orgs')
    .select(sql<number>`count(*)`.as('n'))
    .where('parent_id', '=', parentId)
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** an active sibling (same parent) already bearing this name, other than `exceptId` */
export async function findActiveSiblingByName(db: Db, q: { parentId: string; name: string; exceptId?: string }) {
  let s = db.selectFrom('orgs').select('id').where('parent_id', '=', q.parentId).where('name', '=', q.name).where('status', '=', 'active');
  if (q.exceptId) s = s.where('id', '!=', q.exceptId);
  return s.executeTakeFirst();
}

/**
 * Serialises changes of one province's tree: a move rewrites many paths while a create reads its parent's path,
 * and a close checks for children that a concurrent create could add.
 */
export async function lockProvinceTree(trx: Trx, provinceCode: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`jinguo.orgs.${provinceCode}`}))`.execute(trx);
}

export async function lockProvinceTreeShared(trx: Trx, provinceCode: string): Promise<void> {
  await sql`select pg_advisory_xact_lock_shared(hashtext(${`jinguo.orgs.${provinceCode}`}))`.execute(trx);
}

export async function insertOrg(trx: Trx, org: NewOrg): Promise<void> {
  await trx.insertInto('orgs').values(org).execute();
}

export async function renameOrgRow(trx: Trx, id: string, name: string, now: Date): Promise<void> {
  await trx.updateTable('orgs').set({ name, updated_at: now }).where('id', '=', id).execute();
}

export async function closeOrgRow(trx: Trx, id: string, now: Date): Promise<void> {
  await trx.updateTable('orgs').set({ status: 'closed', closed_at: now, updated_at: now }).where('id', '=', id).execute();
}

/**
 * Moves the subtree at `oldPath` under a new parent in one statement: every row's path prefix and depth change
 * together, and only the subtree's root gets the new parent.
 */
export async function moveSubtree(trx: Trx, m: { rootId: string; newParentId: string; oldPath: string; newPath: string; depthDelta: number; now: Date }) {
  const result = await trx
    .updateTable('orgs')
    .set({
      path: sql<string>`${m.newPath} || substring(path from ${m.oldPath.length + 1}::int)`,
      depth: sql<number>`depth + ${m.depthDelta}::int`,
      parent_id: sql<string>`case when id = ${m.rootId} then ${m.newParentId}::uuid else parent_id end`,
      updated_at: m.now,
    })
    .where('path', 'like', subtreePattern(m.oldPath))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
