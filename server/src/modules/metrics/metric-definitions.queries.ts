import type { Insertable, Updateable } from 'kysely';
import type { MetricsTable } from '../../db/database.ts';
import { ownedByAncestorOrSystem, type Db, type Trx } from '../../http/access.ts';
import type { Actor } from '../../http/types.ts';

/**
 * Metric definitions are shared data: system ones (no owner) and those an org defined for its subtree. An actor
 * sees those without an owner and those owned by an ancestor-or-self of the actor's org.
 */
export function visibleMetricsQuery(db: Db, actor: Actor) {
  return db
    .selectFrom('metrics as m')
    .leftJoin('orgs as owner', 'owner.id', 'm.owner_org_id')
    .where(ownedByAncestorOrSystem(actor.orgPath, { ownerId: 'm.owner_org_id', ownerPath: 'owner.path' }))
    .select(['m.code', 'm.name', 'm.unit', 'm.source', 'm.aggregation', 'm.kind_codes', 'm.owner_org_id', 'm.sort', 'm.active']);
}

export type MetricRow = Awaited<ReturnType<ReturnType<typeof visibleMetricsQuery>['executeTakeFirstOrThrow']>>;

export function listVisibleMetrics(db: Db, actor: Actor, opts: { activeDerivedOnly?: boolean } = {}): Promise<MetricRow[]> {
  let q = visibleMetricsQuery(db, actor);
  if (opts.activeDerivedOnly) q = q.where('m.active', '=', true).where('m.source', '=', 'derived');
  return q.orderBy('m.sort').orderBy('m.code').execute();
}

export async function insertMetric(trx: Trx, row: Insertable<MetricsTable>): Promise<void> {
  await trx.insertInto('metrics').values(row).execute();
}

export async function updateMetricRow(trx: Trx, code: string, patch: Updateable<MetricsTable>): Promise<void> {
  await trx.updateTable('metrics').set(patch).where('code', '=', code).execute();
}
