import { sql, type Kysely } from 'kysely';
import { periodRange } from '@jinguo/common/periods.ts';
import type { Database } from '../server/src/db/database.ts';
import type { Actor } from '../server/src/http/types.ts';
import { progressOfTargets } from '../server/src/modules/plans/plan-progress.ts';
import { listTargetRowsOnLine } from '../server/src/modules/plans/plans.queries.ts';
import { getPlanDetail } from '../server/src/modules/plans/plans.service.ts';
import { getCompleteness } from '../server/src/modules/reports/completeness.service.ts';
import { dueDeadline } from '../server/src/modules/reports/report-periods.ts';
import { generateProvincePlan, generateQuarterReports, PLAN, QUARTER } from './generate-plans-reports.ts';
import { PROVINCE } from './generate-province.ts';
import { naiveCompleteness, naiveTargetValues, type NaiveFigures } from './plans-reports-naive.ts';
import { log, round, timeOnce, timeRuns } from './timing.ts';

/**
 * Issue 4's figures on the province of issue 3 (same database): completeness of one quarter for the whole province
 * through the app's getCompleteness, and progress of a plan's 20 targets split to every city and county: the
 * plan's targets as the province sees them (listTargetRowsOnLine) and their progress (progressOfTargets), each
 * against its naive query; also the whole plan page (getPlanDetail: tasks, targets, progress, lagging units).
 * The app's answers are checked against the naive ones before timing. "Today" is after the quarter's due date.
 */
const NOW = new Date('2025-10-20T02:00:00Z');
const TODAY = '2025-10-20';
const NAIVE_RUNS = Number(process.env.BENCH_NAIVE_RUNS ?? 3);

function provinceAdmin(org: { id: string; name: string; path: string }): Actor {
  return {
    userId: '00000000-0000-7000-8000-000000000001',
    username: 'bench',
    displayName: '基准测试',
    role: 'admin',
    orgId: org.id,
    orgName: org.name,
    orgPath: org.path,
    orgDepth: 0,
    provinceCode: PROVINCE,
    sessionId: 'bench',
    csrfToken: 'bench',
    mustChangePassword: false,
  };
}

const FIGURES = ['expected', 'submitted', 'onTime', 'approved', 'returned'] as const;

function checkCompleteness(app: Awaited<ReturnType<typeof getCompleteness>>, naive: NaiveFigures[]) {
  const byOrg = new Map(naive.map((n) => [n.orgId, n]));
  for (const row of app.rows) {
    const n = byOrg.get(row.orgId);
    if (!n || FIGURES.some((f) => Number(n[f]) !== row[f])) throw new Error(`completeness of ${row.name} differs from the naive query`);
  }
  if (app.rows.length !== naive.length) throw new Error('completeness rows differ from the naive query');
}

/** slow functions get fewer runs so that a miss does not take the whole session */
async function timeAdaptive(fn: () => Promise<unknown>, warm: number) {
  const first = await timeOnce(fn);
  return timeRuns(first.ms > 1000 ? 5 : 30, fn, first.ms > 1000 ? 0 : warm);
}

export async function benchPlansReports(db: Kysely<Database>, kind: string, warm: number) {
  const province = await db.selectFrom('orgs').select(['id', 'name', 'path']).where('depth', '=', 0).where('province_code', '=', PROVINCE).executeTakeFirstOrThrow();
  const actor = provinceAdmin(province);
  const reports = await timeOnce(() => generateQuarterReports(db, province.id));
  const plan = await timeOnce(() => generateProvincePlan(db, province.id));
  await sql`analyze`.execute(db);
  log(`${kind}: ${reports.value.reports} reports in ${reports.ms} ms, ${plan.value.targets} targets in ${plan.ms} ms`);

  const q = { formId: reports.value.formId, period: QUARTER.period };
  const naiveQ = { rootId: province.id, formId: q.formId, period: q.period, levels: 3, deadline: dueDeadline(QUARTER.dueOn) };
  const checked = await getCompleteness(db, actor, q, NOW);
  checkCompleteness(checked, await naiveCompleteness(db, naiveQ));
  const completeness = await timeAdaptive(() => getCompleteness(db, actor, q, NOW), warm);
  const completenessNaive = await timeRuns(10, () => naiveCompleteness(db, naiveQ), 1);
  log(`${kind}: completeness of ${QUARTER.period} p50 ${completeness.p50} ms vs naive ${completenessNaive.p50} ms`);

  const planId = plan.value.planId;
  const detail = await getPlanDetail(db, actor, planId, TODAY);
  const metrics = await db.selectFrom('metrics').select(['code', 'kind_codes', 'aggregation']).where('code', 'in', [...new Set(detail.targets.map((t) => t.metricCode!))]).execute();
  const naiveProgress = async () => {
    const values = new Map<string, number>();
    for (const m of metrics) {
      const rows = await naiveTargetValues(db, { provinceId: province.id, kindCodes: m.kind_codes, aggregation: m.aggregation!, ...periodRange(PLAN.period) });
      for (const r of rows) values.set(`${m.code}|${r.orgId}`, r.value);
    }
    return values;
  };
  const naiveValues = await naiveProgress();
  const wrong = detail.targets.filter((t) => (t.progress?.actual ?? null) !== (naiveValues.get(`${t.metricCode}|${t.orgId}`) ?? 0));
  if (wrong.length > 0 || detail.targets.length !== plan.value.targets) throw new Error(`progress of ${wrong.length} targets differs from the naive query`);
  const progressOfPlan = async () => {
    const rows = await listTargetRowsOnLine(db, { provinceCode: PROVINCE, planId, actorPath: province.path });
    return progressOfTargets(db, rows, TODAY);
  };
  const batched = await progressOfPlan();
  if (detail.targets.some((t) => batched.get(t.id)?.actual !== t.progress?.actual)) throw new Error('progressOfTargets differs from the plan page');
  const progress = await timeAdaptive(progressOfPlan, warm);
  const page = await timeAdaptive(() => getPlanDetail(db, actor, planId, TODAY), warm);
  const progressNaive = await timeRuns(NAIVE_RUNS, naiveProgress);
  log(`${kind}: progress of ${detail.targets.length} targets p50 ${progress.p50} ms (plan page ${page.p50} ms) vs naive ${progressNaive.p50} ms`);
  return {
    completeness_units: checked.totals.expected,
    completeness_p50_ms: completeness.p50,
    completeness_p95_ms: completeness.p95,
    completeness_naive_p50_ms: completenessNaive.p50,
    completeness_speedup: round(completenessNaive.p50 / completeness.p50),
    progress_targets: detail.targets.length,
    progress_p50_ms: progress.p50,
    progress_p95_ms: progress.p95,
    progress_naive_p50_ms: progressNaive.p50,
    progress_speedup: round(progressNaive.p50 / progress.p50),
    plan_page_p50_ms: page.p50,
  };
}
