import { sql, type Kysely } from 'kysely';
import type { Database } from '../server/src/db/database.ts';
import { PROVINCE } from './generate-province.ts';

/**
 * Issue 4's data on the generated province, written straight in SQL with the rows the app writes:
 * - a quarterly form of the province answered by every federation from the cities down to the townships
 *   (1,328 units) and its reports for one quarter in mixed states: 8% none, 4% draft, 8% returned, 35% submitted,
 *   45% approved; 85% of the submissions on time;
 * - a 2025 plan of the province with 20 tasks, each with a numeric target on a derived metric split
 *   proportionally (by last year's value) to the 11 cities and further to the 117 counties: 2,580 targets that
 *   add up at every level. County values are last year's figure + 10%.
 */
export const QUARTER = { period: '2025Q3', dueOn: '2025-10-05' };
export const PLAN = { year: 2025, period: '2025', deadline: '2025-12-31', lastYear: { from: '2024-01-01', to: '2025-01-01' } };

/** derived metrics over single kinds that the default definitions lack, so that the 20 targets count 20 different figures */
const EXTRA_METRICS = [
  ['bench_party_lectures', '党课场次', '场', 'count_activities', ['party_lecture']],
  ['bench_symposiums', '座谈会场次', '场', 'count_activities', ['symposium']],
  ['bench_warning_education', '警示教育场次', '场', 'count_activities', ['warning_education']],
  ['bench_integrity_talks', '廉政谈话人数', '人', 'sum_participants', ['integrity_talk']],
  ['bench_home_visits', '走访慰问次数', '次', 'count_activities', ['home_visit']],
  ['bench_home_visit_attendance', '走访慰问人次', '人次', 'sum_participants', ['home_visit']],
  ['bench_other_activities', '其他活动场次', '场', 'count_activities', ['other']],
  ['bench_training_attendance', '培训人次', '人次', 'sum_participants', ['training', 'exec_training']],
  ['bench_study_attendance', '集中学习人次', '人次', 'sum_participants', ['study_session', 'first_agenda']],
] as const;

export async function generateQuarterReports(db: Kysely<Database>, provinceId: string): Promise<{ formId: string; reports: number }> {
  await sql`select setseed(0.17)`.execute(db);
  const form = await sql<{ id: string }>`
    insert into report_forms (id, owner_org_id, name, period_type, respondent_level, opens_offset_days, due_offset_days)
    values (gen_random_uuid(), ${provinceId}, '妇联工作季度报表', 'quarter', 'township', -10, 5) returning id`.execute(db);
  const formId = form.rows[0].id;
  await sql`
    insert into report_form_fields (form_id, position, kind, metric_code, label, required) values
      (${formId}, 1, 'metric', 'activities_total', null, true),
      (${formId}, 2, 'metric', 'training_sessions', null, true),
      (${formId}, 3, 'narrative', null, '本季度工作亮点', true)`.execute(db);
  const due = `${QUARTER.dueOn}T00:00:00+08:00`;
  const inserted = await sql`
    insert into reports (province_code, id, form_id, org_id, period, status, narrative, submitted_at, approved_at, return_reason)
    select ${PROVINCE}, gen_random_uuid(), ${formId}, u.id, ${QUARTER.period}, u.status,
           '{"本季度工作亮点": "按计划开展活动"}'::jsonb,
           case when u.status = 'draft' then null
                when u.late then ${due}::timestamptz + (1 + floor(u.d * 9))::int * interval '1 day'
                else ${due}::timestamptz - (1 + floor(u.d * 12))::int * interval '1 day' end,
           case when u.status = 'approved' then ${due}::timestamptz + interval '12 days' end,
           case when u.status = 'returned' then '数据与活动记录不一致，请核对后重新上报' end
    from (
      select s.id, s.d, s.late,
             case when s.r < 0.12 then 'draft' when s.r < 0.20 then 'returned' when s.r < 0.55 then 'submitted' else 'approved' end as status
      from (select o.id, random() as r, random() as d, random() < 0.15 as late from orgs o
            where o.province_code = ${PROVINCE} and o.depth between 1 and 3) s
      where s.r >= 0.08
    ) u`.execute(db);
  return { formId, reports: Number(inserted.numAffectedRows ?? 0) };
}

export async function generateProvincePlan(db: Kysely<Database>, provinceId: string): Promise<{ planId: string; targets: number }> {
  for (const [code, name, unit, aggregation, kinds] of EXTRA_METRICS) {
    await sql`insert into metrics (code, name, unit, source, aggregation, kind_codes, sort)
      values (${code}, ${name}, ${unit}, 'derived', ${aggregation}, ${[...kinds]}::text[], 500) on conflict (code) do nothing`.execute(db);
  }
  const metrics = await db.selectFrom('metrics').select('code').where('source', '=', 'derived').where('active', '=', true).orderBy('sort').orderBy('code').limit(20).execute();
  const codes = metrics.map((m) => m.code);
  const plan = await sql<{ id: string }>`
    insert into plans (province_code, id, org_id, year, title, status, issued_at)
    values (${PROVINCE}, gen_random_uuid(), ${provinceId}, ${PLAN.year}, '2025年全省妇联工作要点', 'issued', now()) returning id`.execute(db);
  const planId = plan.rows[0].id;
  await sql`create temporary table bench_task as
    select m.code as metric_code, m.name, gen_random_uuid() as task_id, (row_number() over (order by m.sort, m.code))::int as n
    from metrics m where m.code = any(${codes}::text[])`.execute(db);
  await sql`insert into plan_tasks (province_code, id, plan_id, kind, title, owner_org_id, deadline, sort)
    select ${PROVINCE}, task_id, ${planId}, 'item', '全年完成' || name, ${provinceId}, ${PLAN.deadline}::date, n * 10 from bench_task`.execute(db);
  // each county's target: last year's figure of its subtree + 10% (at least 1); cities and the province add them up
  await sql`create temporary table bench_county_value as
    select m.code as metric_code, c.id as county_id, c.parent_id as city_id,
           greatest(1, round(1.1 * coalesce(sum(case when m.aggregation = 'count_activities' then r.activity_count else r.participant_sum end), 0)))::numeric as value
    from metrics m
    cross join orgs c
    left join activity_rollups r on r.province_code = ${PROVINCE} and r.org_id = c.id and r.month >= ${PLAN.lastYear.from}::date
      and r.month < ${PLAN.lastYear.to}::date and r.kind_code = any(m.kind_codes)
    where m.code = any(${codes}::text[]) and c.depth = 2 and c.province_code = ${PROVINCE}
    group by m.code, c.id, c.parent_id`.execute(db);
  const common = sql`${PROVINCE}, gen_random_uuid(), ${planId}::uuid`;
  const columns = sql`(province_code, id, plan_id, task_id, org_id, parent_target_id, metric_code, value, period, deadline, split_method, split_basis)`;
  await sql`insert into targets ${columns}
    select ${common}, t.task_id, ${provinceId}::uuid, null::uuid, t.metric_code, sum(v.value), ${PLAN.period}, ${PLAN.deadline}::date, 'proportional', 'last_year'
    from bench_task t join bench_county_value v on v.metric_code = t.metric_code group by t.task_id, t.metric_code`.execute(db);
  await sql`insert into targets ${columns}
    select ${common}, t.task_id, v.city_id, p.id, t.metric_code, sum(v.value), ${PLAN.period}, ${PLAN.deadline}::date, 'proportional', 'last_year'
    from bench_task t
    join bench_county_value v on v.metric_code = t.metric_code
    join targets p on p.province_code = ${PROVINCE} and p.plan_id = ${planId} and p.task_id = t.task_id and p.parent_target_id is null
    group by t.task_id, t.metric_code, v.city_id, p.id`.execute(db);
  await sql`insert into targets ${columns}
    select ${common}, t.task_id, v.county_id, p.id, t.metric_code, v.value, ${PLAN.period}, ${PLAN.deadline}::date, null, null
    from bench_task t
    join bench_county_value v on v.metric_code = t.metric_code
    join targets p on p.province_code = ${PROVINCE} and p.plan_id = ${planId} and p.task_id = t.task_id and p.org_id = v.city_id`.execute(db);
  await sql`drop table bench_task`.execute(db);
  await sql`drop table bench_county_value`.execute(db);
  const n = await db.selectFrom('targets').select((eb) => eb.fn.countAll<number>().as('n')).where('plan_id', '=', planId).executeTakeFirstOrThrow();
  return { planId, targets: Number(n.n) };
}
