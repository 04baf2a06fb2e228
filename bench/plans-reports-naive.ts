import { sql, type Kysely } from 'kysely';
import type { Database } from '../server/src/db/database.ts';

/**
 * Naive references for issue 4's figures: what a first version without paths and rollups would run.
 * Completeness walks the tree by parent_id and looks up each unit's report with its own subqueries; progress
 * recomputes each top target's value, and those of its parts, from the raw activities below a recursive CTE.
 */
export type NaiveFigures = { orgId: string; expected: number; submitted: number; onTime: number; approved: number; returned: number };

/** completeness of a form and period per child of the root, the respondents being the federations down to `maxDepth` levels below it */
export async function naiveCompleteness(db: Kysely<Database>, q: { rootId: string; formId: string; period: string; levels: number; deadline: Date }) {
  const r = await sql<NaiveFigures>`
    with recursive tree(id, top_id, level) as (
      select id, id, 1 from orgs where parent_id = ${q.rootId} and kind = 'federation' and status = 'active'
      union all
      select o.id, t.top_id, t.level + 1 from orgs o join tree t on o.parent_id = t.id
      where t.level < ${q.levels} and o.kind = 'federation' and o.status = 'active'
    ), unit as (
      select t.top_id,
             (select r.status from reports r where r.org_id = t.id and r.form_id = ${q.formId} and r.period = ${q.period}) as status,
             (select r.submitted_at from reports r where r.org_id = t.id and r.form_id = ${q.formId} and r.period = ${q.period}) as submitted_at
      from tree t
    )
    select top_id as "orgId", count(*)::int as expected,
           count(*) filter (where status in ('submitted', 'approved'))::int as submitted,
           count(*) filter (where status in ('submitted', 'approved') and submitted_at < ${q.deadline})::int as "onTime",
           count(*) filter (where status = 'approved')::int as approved,
           count(*) filter (where status = 'returned')::int as returned
    from unit group by top_id`.execute(db);
  return r.rows;
}

export type NaiveValue = { orgId: string; value: number };

/**
 * a derived metric's value for the province and every city and county below it: the subtree walked by parent_id
 * from the province, each org carrying its city and county, the activities of the kinds in the range summed per
 * grouping set (province, city, county)
 */
export async function naiveTargetValues(
  db: Kysely<Database>,
  q: { provinceId: string; kindCodes: string[]; aggregation: string; from: string; to: string },
): Promise<NaiveValue[]> {
  const r = await sql<{ city_id: string | null; county_id: string | null; g: number; activities: number; participants: number }>`
    with recursive sub(city_id, county_id, id, level) as (
      select null::uuid, null::uuid, id, 0 from orgs where id = ${q.provinceId}
      union all
      select case when s.level = 0 then o.id else s.city_id end, case when s.level = 1 then o.id else s.county_id end, o.id, s.level + 1
      from orgs o join sub s on o.parent_id = s.id
    )
    select s.city_id, s.county_id, grouping(s.city_id, s.county_id) as g,
           count(*)::int8 as activities, coalesce(sum(a.participants), 0)::int8 as participants
    from sub s join activities a on a.org_id = s.id
    where a.date >= ${q.from}::date and a.date < ${q.to}::date and a.kind_code = any(${q.kindCodes}::text[])
    group by grouping sets ((), (s.city_id), (s.city_id, s.county_id))`.execute(db);
  const pick = (row: { activities: number; participants: number }) => Number(q.aggregation === 'count_activities' ? row.activities : row.participants);
  return r.rows.flatMap((row) => {
    const orgId = row.g === 3 ? q.provinceId : row.g === 1 ? row.city_id : row.county_id;
    return orgId ? [{ orgId, value: pick(row) }] : [];
  });
}
