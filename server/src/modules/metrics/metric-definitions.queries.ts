import { sql, type Insertable, type Updateable } from 'kysely';
import type { MetricsTable } from '../../db/database.ts';
import type { Db } from '../../http/access.ts';
import type { Actor } from '../../http/types.ts';

/**
 * Metric definitions are shared data: system ones (no owner) and those an org defined for its subtree. An actor
 * sees those without an owner and those owned by an ancestor-or-self of the actor's org.
 */
export function visibleMetricsQuery(db: Db, actor: Actor) {
  return db
    .selectFrom('metrics as m')
    .leftJoin('orgs as owner', 'owner.id', 'm.owner_org_id')
    .where((eb) => eb.or([eb('m.owner_org_id', 'is', null), eb(sql.val(actor.orgPath), 'like', sql<string>`owner.path || '%'`)]))
    .select(['m.code', 'm.name', 'm.unit', 'm.source', 'm.aggregation', 'm.kind_codes', 'm.owner_org_id', 'm.sort', 'm.active']);
}

export type MetricRow = Awaited<ReturnType<ReturnType<typeof visibleMetricsQuery>['executeTakeFirstOrThrow']>>;

export function listVisibleMetrics(db: Db, actor: Actor, opts: { activeDerivedOnly?: boolean } = {}): Promise<MetricRow[]> {
  let q = visibleMetricsQuery(db, actor);
  if (opts.activeDerivedOnly) q = q.where('m.active', '=', true).where('m.source', '=', 'derived');
  return q.orderBy('m.sort').orderBy('m.code').execute();
}

/** the subset of `codes` naming activity kinds the actor may see (system kinds and those of its ancestors-or-self) */
export async function findVisibleKindCodes(db: Db, actor: Actor, codes: string[]): Promise<string[]> {
  if (codes.length === 0) return [];
  const rows = await db
    .selectFrom('activity_kinds as k')
    .leftJoin('orgs as owner', 'owner.id', 'k.owner_org_id')
    .where('k.code', 'in', codes)
    .where((eb) => eb.or([eb('k.owner_org_id', 'is', null), eb(sql.val(actor.orgPath), 'like', sql<string>`owner.path || '%'`)]))
    .select('k.code')
    .execute();
  return rows.map((r) => r.code);
}

export async function insertMetric(trx: Db, row: Insertable<MetricsTable>): Promise<void> {
  await trx.insertInto('metrics').values(row).execute();
}

export async function updateMetricRow(trx: Db, code: string, patch: Updateable<MetricsTable>): Promise<void> {
  await trx.updateTable('metrics').set(patch).where('code', '=', code).execute();
}
