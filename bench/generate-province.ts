import { sql, type Kysely } from 'kysely';
import type { Database } from '../server/src/db/database.ts';

/**
 * A synthetic province at the scale of issue 3: 1 province, 11 cities, 117 counties, 1,200 townships, 28,000
 * villages, and activities spread over three years (mostly at villages, some at townships and counties).
 * Generated inside the database with generate_series so that both engines load it at their own speed.
 */
export const PROVINCE = '99';
export const SHAPE = { cities: 11, counties: 117, townships: 1200, villages: 28000 };
export const YEARS = [2023, 2024, 2025];

export async function generateOrgs(db: Kysely<Database>) {
  await sql`select setseed(0.42)`.execute(db);
  await sql`insert into orgs (id, parent_id, path, depth, kind, level, name, province_code)
    values (gen_random_uuid(), null, ${`${PROVINCE}.`}, 0, 'federation', 'province', '测试省妇联', ${PROVINCE})`.execute(db);
  const levels = [
    { depth: 1, level: 'city', n: SHAPE.cities, name: '市', width: 2 },
    { depth: 2, level: 'county', n: SHAPE.counties, name: '县', width: 2 },
    { depth: 3, level: 'township', n: SHAPE.townships, name: '镇', width: 3 },
    { depth: 4, level: 'village', n: SHAPE.villages, name: '村', width: 3 },
  ] as const;
  let parents = 1;
  for (const l of levels) {
    // child n goes to parent (n mod parents) + 1, in path order; its segment is its rank under that parent
    await sql`
      insert into orgs (id, parent_id, path, depth, kind, level, name, province_code)
      select gen_random_uuid(), p.id,
             p.path || lpad((((n - 1) / ${parents}) + 1)::text, ${l.width}, '0') || '.',
             ${l.depth}, 'federation', ${l.level}, '第' || n || ${l.name} || '妇联', ${PROVINCE}
      from generate_series(1, ${l.n}) n
      join (select id, path, row_number() over (order by path) as rn from orgs where depth = ${l.depth - 1}) p
        on p.rn = ((n - 1) % ${parents}) + 1`.execute(db);
    parents = l.n;
  }
}

/** activities in batches (PGlite holds a batch in memory); 90% at villages, 8% townships, 2% counties */
export async function generateActivities(db: Kysely<Database>, total: number, onBatch?: (done: number) => void) {
  const kinds = (await db.selectFrom('activity_kinds').select('code').where('owner_org_id', 'is', null).orderBy('sort').execute()).map((k) => k.code);
  // orgs numbered per depth, so that a random number picks one by an equality join
  await sql`create temporary table bench_org_pick as
    select depth, row_number() over (partition by depth order by path)::int as rn, id from orgs
    where province_code = ${PROVINCE} and depth >= 2`.execute(db);
  await sql`create index on bench_org_pick (depth, rn)`.execute(db);
  const counts = await sql<{ depth: number; n: number }>`select depth, count(*)::int as n from bench_org_pick group by depth`.execute(db);
  const sizeAt = (d: number) => counts.rows.find((r) => r.depth === d)?.n ?? 0;
  const batch = 200_000;
  const days = 365 * YEARS.length;
  for (let done = 0; done < total; done += batch) {
    const n = Math.min(batch, total - done);
    await sql`
      insert into activities (province_code, id, org_id, kind_code, title, date, place, participants)
      select ${PROVINCE}, gen_random_uuid(), pick.id,
             (${kinds}::text[])[1 + floor(random() * ${kinds.length}::int)::int], '活动', ${`${YEARS[0]}-01-01`}::date + floor(random() * ${days}::int)::int,
             null, 5 + floor(random() * 146)::int
      from (
        select d.depth, 1 + floor(random() * (case d.depth when 4 then ${sizeAt(4)}::int when 3 then ${sizeAt(3)}::int else ${sizeAt(2)}::int end))::int as rn
        from (select case when r < 0.9 then 4 when r < 0.98 then 3 else 2 end as depth from (select random() as r from generate_series(1, ${n})) g) d
      ) s
      join bench_org_pick pick on pick.depth = s.depth and pick.rn = s.rn`.execute(db);
    onBatch?.(done + n);
  }
  await sql`drop table bench_org_pick`.execute(db);
  await sql`analyze`.execute(db);
}
