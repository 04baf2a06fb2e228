import { sql, type Kysely } from 'kysely';
import type { Database } from '../server/src/db/database.ts';

/**
 * The year's roll-up per county of a whole province (activity count and participant sum), two ways: from the
 * rollups the app keeps (what the dashboard reads) and the naive way, walking the tree with a recursive CTE and
 * scanning the activities.
 */
export type CountyTotals = { org_id: string; activities: number; participants: number }[];

/** one index range of the rollups' primary key per county: (province, county, months of the year) */
export async function countyRollupFromAggregates(db: Kysely<Database>, q: { provincePath: string; provinceCode: string; from: string; to: string }) {
  const r = await sql<CountyTotals[number]>`
    select o.id as org_id, t.activities, t.participants
    from orgs o
    cross join lateral (
      select sum(r.activity_count)::int8 as activities, sum(r.participant_sum)::int8 as participants
      from activity_rollups r
      where r.province_code = ${q.provinceCode} and r.org_id = o.id and r.month >= ${q.from}::date and r.month < ${q.to}::date
    ) t
    where o.depth = 2 and o.path like ${`${q.provincePath}%`} and t.activities is not null`.execute(db);
  return r.rows;
}

export async function countyRollupNaive(db: Kysely<Database>, q: { provinceId: string; from: string; to: string }) {
  const r = await sql<CountyTotals[number]>`
    with recursive counties as (
      select id from orgs where parent_id in (select id from orgs where parent_id = ${q.provinceId})
    ), sub(county_id, id) as (
      select id, id from counties
      union all
      select sub.county_id, o.id from orgs o join sub on o.parent_id = sub.id
    )
    select sub.county_id as org_id, count(*)::int8 as activities, sum(a.participants)::int8 as participants
    from sub join activities a on a.org_id = sub.id
    where a.date >= ${q.from}::date and a.date < ${q.to}::date
    group by sub.county_id`.execute(db);
  return r.rows;
}

export function sameTotals(a: CountyTotals, b: CountyTotals): boolean {
  const key = (t: CountyTotals) =>
    JSON.stringify([...t].map((r) => [r.org_id, Number(r.activities), Number(r.participants)]).sort());
  return key(a) === key(b);
}
