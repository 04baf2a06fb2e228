import { sql } from 'kysely';
import type { Db } from '../../http/access.ts';
import type { Aggregation, DayRange } from './metric-values.queries.ts';

/**
 * The reference the fast path is checked and benchmarked against: walks the tree below the org by parent_id with
 * a recursive CTE and aggregates the raw activities, using neither rollups nor paths. Correct and slow.
 */
export type NaiveBreakdownQuery = DayRange & { orgId: string; kindCodes: string[]; aggregation: Aggregation };
export type NaiveBreakdown = { own: number; children: { id: string; value: number }[] };

export async function naiveBreakdownByChild(db: Db, q: NaiveBreakdownQuery): Promise<NaiveBreakdown> {
  const value = q.aggregation === 'count_activities' ? sql`count(a.id)` : sql`coalesce(sum(a.participants), 0)`;
  const { rows } = await sql<{ id: string; value: number }>`
    with recursive below (id, top) as (
      select id, id from orgs where parent_id = ${q.orgId}
      union all
      select o.id, below.top from orgs o join below on o.parent_id = below.id
    ),
    scoped (id, top) as (
      select id, top from below
      union all
      select ${q.orgId}::uuid, ${q.orgId}::uuid
    ),
    totals as (
      select scoped.top, ${value} as value
      from scoped join activities a on a.org_id = scoped.id
      where a.date >= ${q.from}::date and a.date < ${q.to}::date and a.kind_code = any(${q.kindCodes}::text[])
      group by scoped.top
    )
    select t.id, coalesce(totals.value, 0) as value
    from (select id from orgs where parent_id = ${q.orgId} union all select ${q.orgId}::uuid) t
    left join totals on totals.top = t.id
    order by t.id`.execute(db);
  const own = rows.find((r) => r.id === q.orgId);
  return {
    own: Number(own?.value ?? 0),
    children: rows.filter((r) => r.id !== q.orgId).map((r) => ({ id: r.id, value: Number(r.value) })),
  };
}
