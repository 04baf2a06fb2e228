import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/database.ts';
import { ancestorPaths, ROLLUP_MAX_DEPTH } from '../../db/org-paths.ts';
import type { Db } from '../../http/access.ts';

/**
 * activity_rollups holds monthly totals per kind of the whole subtree of every org at depth <= 3 (province,
 * city, county, township). Writers keep it in step in the same transaction as the activities, since Citus
 * refuses triggers on distributed tables.
 */
export type RollupDelta = { orgPath: string; provinceCode: string; date: string; kindCode: string; count: number; participants: number };

/**
 * Adds (or with negative numbers removes) activities to the rollups of every ancestor at depth <= 3: the deltas
 * are summed per (ancestor, month, kind) and written by one statement, whether they are one record's or a bulk
 * import's thousands; the rows that drop to zero are then removed by their keys.
 */
export async function applyRollupDeltas(trx: Transaction<Database>, deltas: RollupDelta[]): Promise<void> {
  const sums = rollupSums();
  for (const d of deltas) sums.add(d);
  await sums.apply(trx);
}

type RollupSum = { provinceCode: string; path: string; month: string; kindCode: string; count: number; participants: number };

/** deltas summed as they come (an import's rows, chunk by chunk), applied at the end by one statement */
export function rollupSums() {
  const sums = new Map<string, RollupSum>();
  return {
    add(d: RollupDelta) {
      const month = `${d.date.slice(0, 7)}-01`;
      for (const path of ancestorPaths(d.orgPath).slice(0, ROLLUP_MAX_DEPTH + 1)) {
        const key = `${path}|${month}|${d.kindCode}`;
        const s = sums.get(key) ?? { provinceCode: d.provinceCode, path, month, kindCode: d.kindCode, count: 0, participants: 0 };
        s.count += d.count;
        s.participants += d.participants;
        sums.set(key, s);
      }
    },
    apply: (trx: Transaction<Database>) => writeRollupSums(trx, [...sums.values()]),
  };
}

async function writeRollupSums(trx: Transaction<Database>, sums: RollupSum[]): Promise<void> {
  const rows = sums.filter((s) => s.count !== 0 || s.participants !== 0);
  if (rows.length === 0) return;
  const { rows: written } = await sql<{ province_code: string; org_id: string; month: string; kind_code: string; activity_count: number; participant_sum: number }>`
    insert into activity_rollups (province_code, org_id, month, kind_code, activity_count, participant_sum)
    select d.province_code, o.id, d.month, d.kind_code, d.n, d.p
    from unnest(${rows.map((r) => r.provinceCode)}::text[], ${rows.map((r) => r.path)}::text[], ${rows.map((r) => r.month)}::date[],
                ${rows.map((r) => r.kindCode)}::text[], ${rows.map((r) => r.count)}::int[], ${rows.map((r) => r.participants)}::bigint[])
         as d(province_code, path, month, kind_code, n, p)
    join orgs o on o.path = d.path and o.depth <= ${ROLLUP_MAX_DEPTH}
    on conflict (province_code, org_id, month, kind_code) do update
      set activity_count = activity_rollups.activity_count + excluded.activity_count,
          participant_sum = activity_rollups.participant_sum + excluded.participant_sum
    returning province_code, org_id, month, kind_code, activity_count, participant_sum`.execute(trx);
  // only the rows just written can have dropped to zero: removing those by key keeps a write from scanning the table
  const emptied = written.filter((r) => Number(r.activity_count) === 0 && Number(r.participant_sum) === 0);
  if (emptied.length === 0) return;
  await sql`
    delete from activity_rollups r
    using unnest(${emptied.map((e) => e.province_code)}::text[], ${emptied.map((e) => e.org_id)}::uuid[],
                 ${emptied.map((e) => e.month)}::date[], ${emptied.map((e) => e.kind_code)}::text[]) as e(province_code, org_id, month, kind_code)
    where r.province_code = e.province_code and r.org_id = e.org_id and r.month = e.month and r.kind_code = e.kind_code`.execute(trx);
}

/** Recomputes the rollups of a few orgs (those at depth <= 3) from the activities, e.g. after a subtree moves. */
export async function rebuildRollupsOf(trx: Transaction<Database>, provinceCode: string, orgIds: string[]): Promise<void> {
  if (orgIds.length === 0) return;
  // with the province the delete walks the primary key (province_code, org_id, …) instead of the whole table
  await sql`delete from activity_rollups where province_code = ${provinceCode} and org_id = any(${orgIds}::uuid[])`.execute(trx);
  await sql`
    insert into activity_rollups (province_code, org_id, month, kind_code, activity_count, participant_sum)
    select a.province_code, t.id, date_trunc('month', a.date)::date, a.kind_code, count(*), sum(a.participants)
    from orgs t
    -- a range on path (segments are [0-9a-z], '~' sorts after them) can use the path index; like with a column cannot
    join orgs o on o.path >= t.path and o.path < t.path || '~'
    join activities a on a.org_id = o.id
    where t.province_code = ${provinceCode} and t.id = any(${orgIds}::uuid[]) and t.depth <= ${ROLLUP_MAX_DEPTH}
    group by a.province_code, t.id, date_trunc('month', a.date), a.kind_code`.execute(trx);
}

/**
 * ids of the orgs at these paths with depth <= 3, and of the orgs in the subtree at `subtreePath` with depth <=
 * subtreeMaxDepth (moved orgs that had rollups keep their ids here, so that the rebuild deletes them)
 */
export async function findRollupOrgIds(db: Db, q: { paths: string[]; subtreePath: string; subtreeMaxDepth: number }): Promise<string[]> {
  const rows = await db
    .selectFrom('orgs')
    .select('id')
    .where((eb) =>
      eb.or([
        ...(q.paths.length > 0 ? [eb.and([eb('path', 'in', q.paths), eb('depth', '<=', ROLLUP_MAX_DEPTH)])] : []),
        eb.and([eb('path', 'like', `${q.subtreePath}%`), eb('depth', '<=', q.subtreeMaxDepth)]),
      ]),
    )
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Recomputes all rollups of a province (or of every province) after a bulk load: one pass per depth, joining
 * each org to its ancestor at that depth by the path prefix, which keeps the joins hash joins.
 */
export async function rebuildAllRollups(trx: Db, opts: { provinceCode?: string } = {}): Promise<void> {
  const province = opts.provinceCode ? sql`province_code = ${opts.provinceCode}` : sql`true`;
  await sql`delete from activity_rollups where ${province}`.execute(trx);
  for (let depth = 0; depth <= ROLLUP_MAX_DEPTH; depth++) {
    await sql`
      insert into activity_rollups (province_code, org_id, month, kind_code, activity_count, participant_sum)
      select per_org.province_code, t.id, per_org.month, per_org.kind_code, sum(per_org.n), sum(per_org.p)
      from (
        select province_code, org_id, date_trunc('month', date)::date as month, kind_code, count(*) as n, sum(participants) as p
        from activities where ${province}
        group by province_code, org_id, date_trunc('month', date), kind_code
      ) per_org
      join orgs o on o.id = per_org.org_id and o.depth >= ${depth}
      join orgs t on t.path = substring(o.path from ${`^((?:[^.]+\\.){${depth + 1}})`})
      group by per_org.province_code, t.id, per_org.month, per_org.kind_code`.execute(trx);
  }
}
