import { sql } from 'kysely';
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
