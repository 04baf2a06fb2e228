import type { Insertable, Transaction } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { periodLabel } from '@jinguo/common/periods.ts';
import type { Database, ReportEventsTable, ReportsTable, ReportValuesTable } from '../db/database.ts';
import { formFieldsQuery } from '../modules/reports/report-forms.queries.ts';
import { addDays, periodDates, recentPeriods } from '../modules/reports/report-periods.ts';
import { derivedValues } from '../modules/reports/report-values.ts';

/**
 * The county's quarterly report form for its townships (derived figures prefilled from the records, reported
 * metrics, narrative fields) and last quarter's reports in every state: approved, awaiting review, returned to
 * 义兴镇 with a reason (its staff user sees it on the home page), a draft, and units that have not reported,
 * one of them already chased.
 */
type Trx = Transaction<Database>;
type Reviewer = { id: string; username: string } | null;

const METRICS = [
  { code: 'rep_micro_homes', name: '新建妇女微家', unit: '个' as const, value_type: 'number' as const, rollup: 'sum' as const },
  { code: 'rep_aid_households', name: '帮扶困难妇女家庭', unit: '户' as const, value_type: 'number' as const, rollup: 'sum' as const },
  { code: 'rep_satisfaction', name: '群众满意度', unit: '%' as const, value_type: 'number' as const, rollup: 'avg' as const },
  { code: 'rep_exec_meeting', name: '是否召开执委会议', unit: '次' as const, value_type: 'boolean' as const, rollup: 'sum' as const },
];
const NARRATIVES = ['工作亮点', '存在问题'];
type Plan = 'approved' | 'submitted' | 'returned' | 'draft' | 'missing';
const plans: Plan[] = ['approved', 'approved', 'submitted', 'approved', 'draft', 'approved', 'missing', 'submitted', 'missing'];

async function insertForm(trx: Trx, county: { id: string }) {
  await trx
    .insertInto('metrics')
    .values(METRICS.map((m, i) => ({ ...m, source: 'reported' as const, aggregation: null, kind_codes: [], owner_org_id: county.id, sort: 500 + i })))
    .execute();
  const formId = uuidv7();
  await trx.insertInto('report_forms').values({ id: formId, owner_org_id: county.id, name: '妇女工作季度报表', period_type: 'quarter', respondent_level: null, opens_offset_days: -10, due_offset_days: 5 }).execute();
  const fields = [
    { kind: 'metric' as const, metric_code: 'activities_total', label: null, required: true },
    { kind: 'metric' as const, metric_code: 'outreach_attendance', label: null, required: true },
    ...METRICS.map((m) => ({ kind: 'metric' as const, metric_code: m.code, label: null, required: m.value_type === 'number' && m.rollup === 'sum' })),
    ...NARRATIVES.map((label, i) => ({ kind: 'narrative' as const, metric_code: null, label, required: i === 0 })),
  ];
  await trx.insertInto('report_form_fields').values(fields.map((f, position) => ({ ...f, form_id: formId, position }))).execute();
  return formId;
}

const moment = (day: string, hour: number) => new Date(`${day}T${String(hour).padStart(2, '0')}:00:00+08:00`);

export async function seedDemoReports(trx: Trx, opts: { countyPath: string; today: string; reviewer?: Reviewer }): Promise<{ formId: string }> {
  const county = await trx.selectFrom('orgs').select(['id', 'name', 'province_code']).where('path', '=', opts.countyPath).executeTakeFirstOrThrow();
  const formId = await insertForm(trx, county);
  const period = recentPeriods('quarter', opts.today, 2)[1];
  const { dueOn } = periodDates({ opens_offset_days: -10, due_offset_days: 5 }, period);
  const towns = await trx
    .selectFrom('orgs')
    .select(['id', 'name', 'path', 'depth', 'province_code'])
    .where('parent_id', '=', county.id)
    .where('kind', '=', 'federation')
    .where('status', '=', 'active')
    .orderBy('path')
    .execute();
  const fields = await formFieldsQuery(trx, [formId]).execute();
  const reports: Insertable<ReportsTable>[] = [];
  const values: Insertable<ReportValuesTable>[] = [];
  const events: Insertable<ReportEventsTable>[] = [];
  const reviewer = opts.reviewer ?? null;
  for (const [i, town] of towns.entries()) {
    const plan: Plan = town.name === '义兴镇妇联' ? 'returned' : plans[i % plans.length];
    if (plan === 'missing') continue;
    const id = uuidv7();
    const pc = town.province_code;
    const submittedAt = moment(addDays(dueOn, (i % 4) - 2), 9 + (i % 6));
    const step = (action: ReportEventsTable['action'], at: Date, reason: string | null = null, byReviewer = false) =>
      events.push({ province_code: pc, id: uuidv7(), report_id: id, at, action, reason, user_id: byReviewer ? (reviewer?.id ?? null) : null, username: byReviewer ? (reviewer?.username ?? null) : `${town.name.replace('妇联', '')}填报员` });
    step('create', moment(addDays(dueOn, -12), 10));
    const sent = plan !== 'draft';
    reports.push({
      province_code: pc,
      id,
      form_id: formId,
      org_id: town.id,
      period,
      status: plan,
      narrative: JSON.stringify({ 工作亮点: `${periodLabel(period)}组织开展巾帼大宣讲、家庭教育讲座，建成妇女微家并常态化开展活动。`, 存在问题: '村级妇联执委履职不够均衡。' }) as unknown as Record<string, string>,
      submitted_at: sent ? submittedAt : null,
      approved_at: plan === 'approved' ? addHours(submittedAt, 26) : null,
      approved_by: plan === 'approved' ? (reviewer?.id ?? null) : null,
      return_reason: plan === 'returned' ? '新建妇女微家数量与台账不一致，请核实后重新上报' : null,
      created_at: moment(addDays(dueOn, -12), 10),
      updated_at: submittedAt,
    });
    const derived = sent ? await derivedValues(trx, { id: town.id, path: town.path, depth: town.depth, provinceCode: pc }, period, fields) : new Map<string, number>();
    for (const [code, value] of derived) values.push({ province_code: pc, report_id: id, metric_code: code, number_value: value, boolean_value: null, text_value: null });
    values.push(
      { province_code: pc, report_id: id, metric_code: 'rep_micro_homes', number_value: 1 + (i % 3), boolean_value: null, text_value: null },
      { province_code: pc, report_id: id, metric_code: 'rep_aid_households', number_value: 4 + ((i * 7) % 9), boolean_value: null, text_value: null },
      { province_code: pc, report_id: id, metric_code: 'rep_satisfaction', number_value: 88 + (i % 10), boolean_value: null, text_value: null },
      { province_code: pc, report_id: id, metric_code: 'rep_exec_meeting', number_value: null, boolean_value: i % 5 !== 0, text_value: null },
    );
    step('save', moment(addDays(dueOn, -6), 15));
    if (!sent) continue;
    step('submit', submittedAt);
    if (plan === 'approved') step('approve', addHours(submittedAt, 26), null, true);
    if (plan === 'returned') step('return', addHours(submittedAt, 6), '新建妇女微家数量与台账不一致，请核实后重新上报', true);
  }
  if (reports.length) await trx.insertInto('reports').values(reports).execute();
  if (values.length) await trx.insertInto('report_values').values(values).execute();
  if (events.length) await trx.insertInto('report_events').values(events).execute();
  const chased = towns.find((t, i) => plans[i % plans.length] === 'missing' && t.name !== '义兴镇妇联');
  if (chased && opts.today > dueOn) {
    await trx
      .insertInto('reminders')
      .values({
        province_code: chased.province_code,
        id: uuidv7(),
        org_id: chased.id,
        form_id: formId,
        period,
        message: `${county.name}提醒：《妇女工作季度报表》${periodLabel(period)}报表已过截止日期（${dueOn}），贵单位尚未报送，请尽快填报。`,
        sent_by: reviewer?.id ?? null,
        sent_by_org_id: county.id,
        created_at: moment(addDays(dueOn, 2), 9),
      })
      .execute();
  }
  return { formId };
}

function addHours(d: Date, hours: number): Date {
  return new Date(d.getTime() + hours * 3_600_000);
}
