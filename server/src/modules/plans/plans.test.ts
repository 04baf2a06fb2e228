import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { v7 as uuidv7 } from 'uuid';
import type { PlanDetail, PlanSummary, SplitPreview, TargetDetail, TargetView, TaskView } from '@jinguo/common/plans.schema.ts';
import { buildTestApp, type Agent } from '../../test/build-test-app.ts';

/** Plans, tasks and targets through the API, on a fixed clock: 2026-07-01 in Shanghai (half of 2026 elapsed). */
const t = await buildTestApp({ now: () => new Date('2026-07-01T04:00:00Z') });
let county: Agent;
let townAStaff: Agent;
let townBAdmin: Agent;
let villageExec: Agent;
let other: Agent;

beforeAll(async () => {
  county = await t.login(t.users.countyAdmin);
  townAStaff = await t.login(t.users.townAStaff);
  townBAdmin = await t.login(t.users.townBAdmin);
  villageExec = await t.login(t.users.villageA1Exec);
  other = await t.login(t.users.otherAdmin);
});
afterAll(() => t.close());

async function ok<T>(res: Promise<{ statusCode: number; body: string; json: () => unknown }>): Promise<T> {
  const r = await res;
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as T;
}

let plansMade = 0;

/** a county plan with a section, an item and a target on it; each with its own title (one title per org and year) */
async function planWithTarget(opts: { value?: number; metricCode?: string; deadline?: string; year?: number } = {}) {
  const year = opts.year ?? 2026;
  plansMade += 1;
  const plan = await ok<PlanSummary>(county.post('/api/plans', { orgId: t.tree.county.id, year, title: `和顺县妇联${year}年工作要点（${plansMade}）` }));
  const section = await ok<TaskView>(county.post('/api/plan-tasks', { planId: plan.id, kind: 'section', title: '一、思想引领' }));
  const item = await ok<TaskView>(
    county.post('/api/plan-tasks', { planId: plan.id, parentTaskId: section.id, kind: 'item', title: '开展各类活动', ownerOrgId: t.tree.county.id, deadline: `${year}-12-31` }),
  );
  const target = await ok<TargetView>(
    county.post('/api/targets', {
      taskId: item.id,
      orgId: t.tree.county.id,
      metricCode: opts.metricCode ?? 'activities_total',
      value: opts.value ?? 15,
      period: String(year),
      deadline: opts.deadline ?? `${year}-12-31`,
    }),
  );
  return { plan, section, item, target };
}

async function recordActivities(orgId: string, dates: string[]) {
  for (const date of dates) {
    await ok(county.post('/api/activities', { orgId, kindCode: 'other', title: '巾帼志愿服务进村', date, participants: 10, place: '村委会' }));
  }
}

describe('plans, tasks and targets', () => {
  it('creates a plan with a task tree and a target, lists it by year and shows its detail', async () => {
    const { plan, section, item, target } = await planWithTarget();
    expect(plan).toMatchObject({ status: 'draft', year: 2026, orgName: '和顺县妇联', mayEdit: true });
    expect(target).toMatchObject({ metricName: '各类活动场次', unit: '场', value: 15, splitTotal: null });
    const list = await ok<{ items: PlanSummary[] }>(county.get('/api/plans?year=2026'));
    expect(list.items.map((p) => p.id)).toContain(plan.id);
    expect((await ok<{ items: PlanSummary[] }>(county.get('/api/plans?year=2025'))).items.map((p) => p.id)).not.toContain(plan.id);
    const detail = await ok<PlanDetail>(county.get(`/api/plans/${plan.id}`));
    expect(detail.tasks.map((x) => [x.id, x.parentId])).toEqual([
      [section.id, null],
      [item.id, section.id],
    ]);
    expect(detail.tasks[1].ownerOrgName).toBe('和顺县妇联');
    expect(detail.targets).toHaveLength(1);
    expect(detail.today).toBe('2026-07-01');
  });

  it('changes and issues a plan, edits and deletes tasks and targets, and writes audit rows', async () => {
    const { plan, item, target } = await planWithTarget();
    const issued = await ok<PlanSummary>(county.patch(`/api/plans/${plan.id}`, { title: '和顺县妇联2026年工作要点（修订）', status: 'issued' }));
    expect(issued).toMatchObject({ status: 'issued', title: '和顺县妇联2026年工作要点（修订）' });
    expect(issued.issuedAt).not.toBeNull();
    expect((await county.del(`/api/plans/${plan.id}`)).statusCode).toBe(409);
    const renamed = await ok<TaskView>(county.patch(`/api/plan-tasks/${item.id}`, { title: '开展巾帼志愿服务', body: '每村每季度至少一次' }));
    expect(renamed).toMatchObject({ title: '开展巾帼志愿服务', body: '每村每季度至少一次', ownerOrgId: t.tree.county.id });
    expect(await ok<TargetView>(county.patch(`/api/targets/${target.id}`, { value: 20 }))).toMatchObject({ value: 20 });
    const milestone = await ok<TargetView>(county.post('/api/targets', { taskId: item.id, orgId: t.tree.county.id, period: '2026', deadline: '2026-09-30' }));
    expect(milestone).toMatchObject({ metricCode: null, value: null, progress: { status: 'on_track' } });
    expect(await ok<TargetView>(county.patch(`/api/targets/${milestone.id}`, { milestoneDoneOn: '2026-06-20' }))).toMatchObject({ progress: { status: 'done' } });
    expect(await ok(county.del(`/api/targets/${milestone.id}`))).toEqual({ ok: true });
    expect(await ok(county.del(`/api/plan-tasks/${item.id}`))).toEqual({ ok: true });
    const detail = await ok<PlanDetail>(county.get(`/api/plans/${plan.id}`));
    expect(detail.tasks).toHaveLength(1);
    expect(detail.targets).toHaveLength(0);
    const audit = await t.db.selectFrom('audit_log').select(['action', 'entity']).where('entity', 'in', ['plan', 'plan_task', 'target']).execute();
    expect(audit.map((a) => `${a.entity}:${a.action}`)).toEqual(expect.arrayContaining(['plan:issue', 'plan_task:update', 'target:update', 'target:delete', 'plan_task:delete']));
  });

  it('refuses a second plan of the org and year with the same title, by create or rename, naming 标题', async () => {
    const first = await ok<PlanSummary>(county.post('/api/plans', { orgId: t.tree.townB.id, year: 2026, title: '李阳镇妇联2026年工作要点' }));
    const dup = await county.post('/api/plans', { orgId: t.tree.townB.id, year: 2026, title: '李阳镇妇联2026年工作要点' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ code: 'DUPLICATE', fields: [{ path: 'body.title' }] });
    expect(dup.json().message).toContain('标题');
    await ok(county.post('/api/plans', { orgId: t.tree.townB.id, year: 2027, title: '李阳镇妇联2026年工作要点' }));
    await ok(county.post('/api/plans', { orgId: t.tree.townA.id, year: 2026, title: '李阳镇妇联2026年工作要点' }));
    const second = await ok<PlanSummary>(county.post('/api/plans', { orgId: t.tree.townB.id, year: 2026, title: '李阳镇妇联2026年重点工作' }));
    expect((await county.patch(`/api/plans/${second.id}`, { title: first.title })).statusCode).toBe(409);
    expect((await county.patch(`/api/plans/${first.id}`, { title: first.title, status: 'issued' })).statusCode).toBe(200);
  });

  it("names a person of the plan org's subtree as a task owner and shows the name in the plan detail", async () => {
    const person = await ok<{ id: string }>(county.post('/api/persons', { orgId: t.tree.villageA1.id, name: '王秀英' }));
    const outsider = await ok<{ id: string }>(county.post('/api/persons', { orgId: t.tree.villageB1.id, name: '李桂兰' }));
    const plan = await ok<PlanSummary>(county.post('/api/plans', { orgId: t.tree.townA.id, year: 2026, title: '义兴镇妇联2026年重点任务' }));
    const task = await ok<TaskView>(county.post('/api/plan-tasks', { planId: plan.id, kind: 'item', title: '建设妇女微家', ownerOrgId: t.tree.townA.id }));
    const owned = await ok<TaskView>(county.patch(`/api/plan-tasks/${task.id}`, { ownerPersonId: person.id }));
    expect(owned).toMatchObject({ ownerPersonId: person.id, ownerPersonName: '王秀英', ownerOrgId: null });
    const detail = await ok<PlanDetail>(county.get(`/api/plans/${plan.id}`));
    expect(detail.tasks[0]).toMatchObject({ ownerPersonName: '王秀英' });
    const wrong = await county.patch(`/api/plan-tasks/${task.id}`, { ownerPersonId: outsider.id });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({ fields: [{ path: 'body.ownerPersonId' }] });
  });

  it('refuses half a numeric target, a deadline before the period and a target outside the plan org', async () => {
    const { item, plan } = await planWithTarget();
    const noValue = await county.post('/api/targets', { taskId: item.id, orgId: t.tree.county.id, metricCode: 'activities_total', period: '2026', deadline: '2026-12-31' });
    expect(noValue.statusCode).toBe(400);
    expect(noValue.json().message).toContain('目标值');
    const early = await county.post('/api/targets', { taskId: item.id, orgId: t.tree.county.id, metricCode: 'activities_total', value: 3, period: '2026Q3', deadline: '2026-06-30' });
    expect(early.statusCode).toBe(400);
    const townPlan = await ok<PlanSummary>(county.post('/api/plans', { orgId: t.tree.townA.id, year: 2026, title: '义兴镇计划' }));
    const townTask = await ok<TaskView>(county.post('/api/plan-tasks', { planId: townPlan.id, kind: 'item', title: '活动' }));
    const above = await county.post('/api/targets', { taskId: townTask.id, orgId: t.tree.county.id, metricCode: 'activities_total', value: 3, period: '2026', deadline: '2026-12-31' });
    expect(above.statusCode).toBe(400);
    expect((await county.post('/api/plan-tasks', { planId: plan.id, parentTaskId: item.id, kind: 'item', title: '子项' })).statusCode).toBe(400);
  });
});

describe('access', () => {
  it('hides drafts from the levels below and other provinces; shows issued plans down the line, their targets on the line only', async () => {
    const { plan, target } = await planWithTarget();
    expect((await townBAdmin.get(`/api/plans/${plan.id}`)).statusCode).toBe(404);
    expect((await townBAdmin.get('/api/plans?year=2026')).json().items.map((p: PlanSummary) => p.id)).not.toContain(plan.id);
    await ok(county.post(`/api/targets/${target.id}/split`, { method: 'even' }));
    await ok(county.patch(`/api/plans/${plan.id}`, { status: 'issued' }));
    const seen = await ok<PlanDetail>(townBAdmin.get(`/api/plans/${plan.id}`));
    expect(seen.plan.mayEdit).toBe(false);
    expect(seen.targets.map((x) => x.orgName).sort()).toEqual(['和顺县妇联', '李阳镇妇联']);
    expect(seen.targets.find((x) => x.orgName === '和顺县妇联')?.progress).toBeNull();
    expect(seen.targets.find((x) => x.orgName === '李阳镇妇联')?.progress).not.toBeNull();
    expect((await other.get(`/api/plans/${plan.id}`)).statusCode).toBe(404);
    expect((await other.get(`/api/targets/${target.id}`)).statusCode).toBe(404);
    const partA = seen.targets.find((x) => x.orgName === '李阳镇妇联')!;
    expect((await townAStaff.get(`/api/targets/${partA.id}`)).statusCode).toBe(404);
  });

  it('lets only admins and staff write, each within its subtree', async () => {
    const { plan, item } = await planWithTarget();
    expect((await villageExec.post('/api/plans', { orgId: t.tree.villageA1.id, year: 2026, title: '东关村计划' })).statusCode).toBe(403);
    expect((await townAStaff.post('/api/plans', { orgId: t.tree.county.id, year: 2026, title: '越级计划' })).statusCode).toBe(404);
    expect((await townAStaff.post('/api/plans', { orgId: t.tree.townA.id, year: 2026, title: '义兴镇妇联2026年计划' })).statusCode).toBe(200);
    await ok(county.patch(`/api/plans/${plan.id}`, { status: 'issued' }));
    expect((await townAStaff.patch(`/api/plans/${plan.id}`, { title: '改名' })).statusCode).toBe(403);
    expect((await townAStaff.post('/api/plan-tasks', { planId: plan.id, kind: 'item', title: '加一项' })).statusCode).toBe(403);
    expect((await townAStaff.del(`/api/plan-tasks/${item.id}`)).statusCode).toBe(403);
    expect((await other.del(`/api/plans/${plan.id}`)).statusCode).toBe(404);
  });
});

describe('splitting targets', () => {
  it('splits evenly with parts that add up, and shows them per child', async () => {
    const { target } = await planWithTarget({ value: 15 });
    const preview = await ok<SplitPreview>(county.get(`/api/targets/${target.id}/split-preview?method=even`));
    expect(preview.rows.map((r) => [r.name, r.value])).toEqual([
      ['义兴镇妇联', 8],
      ['李阳镇妇联', 7],
    ]);
    expect(preview.remainder).toBe(0);
    const detail = await ok<TargetDetail>(county.post(`/api/targets/${target.id}/split`, { method: 'even' }));
    expect(detail.parts.map((p) => [p.orgName, p.value, p.period, p.deadline])).toEqual([
      ['义兴镇妇联', 8, '2026', '2026-12-31'],
      ['李阳镇妇联', 7, '2026', '2026-12-31'],
    ]);
    expect(detail.target).toMatchObject({ splitMethod: 'even', splitTotal: 15 });
  });

  it('refuses a manual split that does not add up, naming the remainder, and changes nothing', async () => {
    const { target } = await planWithTarget({ value: 15 });
    const res = await county.post(`/api/targets/${target.id}/split`, {
      method: 'manual',
      parts: [
        { orgId: t.tree.townA.id, value: 6 },
        { orgId: t.tree.townB.id, value: 6 },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('还剩 3 场未分解');
    const over = await county.post(`/api/targets/${target.id}/split`, { method: 'manual', parts: [{ orgId: t.tree.townA.id, value: 16 }] });
    expect(over.json().message).toContain('超出 1 场');
    const outsider = await county.post(`/api/targets/${target.id}/split`, { method: 'manual', parts: [{ orgId: t.tree.villageA1.id, value: 15 }] });
    expect(outsider.statusCode).toBe(400);
    expect((await ok<TargetDetail>(county.get(`/api/targets/${target.id}`))).parts).toEqual([]);
    const good = await ok<TargetDetail>(
      county.post(`/api/targets/${target.id}/split`, { method: 'manual', parts: [{ orgId: t.tree.townA.id, value: 10 }, { orgId: t.tree.townB.id, value: 5 }] }),
    );
    expect(good.parts.map((p) => p.value)).toEqual([10, 5]);
  });

  it('splits in proportion to population and to villages, by the largest remainder so that parts add up exactly', async () => {
    await t.db.updateTable('orgs').set({ population: 1 }).where('id', '=', t.tree.townA.id).execute();
    await t.db.updateTable('orgs').set({ population: 2 }).where('id', '=', t.tree.townB.id).execute();
    const { target } = await planWithTarget({ value: 10 });
    const preview = await ok<SplitPreview>(county.get(`/api/targets/${target.id}/split-preview?method=proportional&basis=population`));
    // 10 × 1/3 = 3.33, 10 × 2/3 = 6.67: the larger remainder takes the last unit
    expect(preview.rows.map((r) => [r.basisValue, r.value])).toEqual([
      [1, 3],
      [2, 7],
    ]);
    const detail = await ok<TargetDetail>(county.post(`/api/targets/${target.id}/split`, { method: 'proportional', basis: 'population' }));
    expect(detail.parts.map((p) => p.value)).toEqual([3, 7]);
    expect(detail.target.splitBasis).toBe('population');
    const villages = await ok<SplitPreview>(county.get(`/api/targets/${target.id}/split-preview?method=proportional&basis=villages`));
    expect(villages.rows.map((r) => [r.basisValue, r.value])).toEqual([
      [2, 5],
      [2, 5],
    ]);
    expect((await county.get(`/api/targets/${target.id}/split-preview?method=proportional`)).statusCode).toBe(400);
  });

  it('splits by last year\'s value of the metric', async () => {
    await recordActivities(t.tree.villageA1.id, ['2025-03-01', '2025-04-01', '2025-05-01']);
    await recordActivities(t.tree.villageB1.id, ['2025-03-02']);
    const { target } = await planWithTarget({ value: 7, metricCode: 'volunteer_attendance' });
    // nobody served as a volunteer last year: nothing to share in proportion to
    const zero = await county.get(`/api/targets/${target.id}/split-preview?method=proportional&basis=last_year`);
    expect(zero.statusCode).toBe(400);
    expect(zero.json().message).toContain('都为 0');
    const byCount = await planWithTarget({ value: 7 });
    const counted = await ok<SplitPreview>(county.get(`/api/targets/${byCount.target.id}/split-preview?method=proportional&basis=last_year`));
    expect(counted.rows.map((r) => [r.basisValue, r.value])).toEqual([
      [3, 5],
      [1, 2],
    ]);
  });

  it('lets a township split its part further to its villages, and keeps those when the county re-splits', async () => {
    const { plan, target } = await planWithTarget({ value: 15 });
    const split = await ok<TargetDetail>(county.post(`/api/targets/${target.id}/split`, { method: 'even' }));
    await ok(county.patch(`/api/plans/${plan.id}`, { status: 'issued' }));
    const partA = split.parts.find((p) => p.orgId === t.tree.townA.id)!;
    expect(partA.maySplit).toBe(true);
    expect((await townBAdmin.post(`/api/targets/${partA.id}/split`, { method: 'even' })).statusCode).toBe(404);
    expect((await townAStaff.post(`/api/targets/${target.id}/split`, { method: 'even' })).statusCode).toBe(403);
    const down = await ok<TargetDetail>(townAStaff.post(`/api/targets/${partA.id}/split`, { method: 'even' }));
    expect(down.parts.map((p) => [p.orgName, p.value])).toEqual([
      ['东关村妇联', 4],
      ['西关村妇联', 4],
    ]);
    const again = await ok<TargetDetail>(
      county.post(`/api/targets/${target.id}/split`, { method: 'manual', parts: [{ orgId: t.tree.townA.id, value: 8 }, { orgId: t.tree.townB.id, value: 7 }] }),
    );
    expect(again.parts.find((p) => p.orgId === t.tree.townA.id)?.id).toBe(partA.id);
    expect((await ok<TargetDetail>(townAStaff.get(`/api/targets/${partA.id}`))).parts).toHaveLength(2);
    expect((await county.patch(`/api/targets/${partA.id}`, { value: 3 })).statusCode).toBe(400);
    expect((await county.patch(`/api/targets/${target.id}`, { value: 30 })).statusCode).toBe(400);
  });
});

describe('progress against time elapsed', () => {
  it('counts the records live: done, on track, behind, overdue, per child and across the subtree with lagging units', async () => {
    await t.db.deleteFrom('activities').execute();
    await t.db.deleteFrom('activity_rollups').execute();
    const { plan, item, target } = await planWithTarget({ value: 20 });
    await ok(county.post(`/api/targets/${target.id}/split`, { method: 'manual', parts: [{ orgId: t.tree.townA.id, value: 10 }, { orgId: t.tree.townB.id, value: 10 }] }));
    // half the year gone: 5 of 10 expected by today
    await recordActivities(t.tree.villageA1.id, ['2026-02-01', '2026-03-01', '2026-04-01', '2026-05-01', '2026-06-01']);
    await recordActivities(t.tree.villageB1.id, ['2026-02-02']);
    const overdue = await ok<TargetView>(county.post('/api/targets', { taskId: item.id, orgId: t.tree.townB.id, metricCode: 'activities_total', value: 3, period: '2026Q2', deadline: '2026-06-30' }));
    const done = await ok<TargetView>(county.post('/api/targets', { taskId: item.id, orgId: t.tree.townA.id, metricCode: 'activities_total', value: 5, period: '2026', deadline: '2026-12-31' }));
    const detail = await ok<TargetDetail>(county.get(`/api/targets/${target.id}`));
    expect(detail.target.progress).toMatchObject({ actual: 6, status: 'behind' });
    expect(detail.target.progress?.expected).toBeCloseTo(20 * (182 / 365), 1);
    expect(detail.parts.map((p) => [p.orgName, p.progress?.actual, p.progress?.status])).toEqual([
      ['义兴镇妇联', 5, 'on_track'],
      ['李阳镇妇联', 1, 'behind'],
    ]);
    expect(detail.lagging.map((l) => l.orgName)).toEqual(['李阳镇妇联']);
    const plan2 = await ok<PlanDetail>(county.get(`/api/plans/${plan.id}`));
    expect(plan2.targets.find((x) => x.id === overdue.id)?.progress).toMatchObject({ actual: 0, status: 'overdue' });
    expect(plan2.targets.find((x) => x.id === done.id)?.progress).toMatchObject({ actual: 5, status: 'done' });
    expect(plan2.counts).toEqual({ not_started: 0, on_track: 1, behind: 2, done: 1, overdue: 1 });
    expect(plan2.tasks.find((x) => x.id === item.id)?.status).toBe('overdue');
    // township B sees its own part at the top of its view: the task is behind there
    const seenByB = await ok<PlanDetail>(county.patch(`/api/plans/${plan.id}`, { status: 'issued' }).then(() => townBAdmin.get(`/api/plans/${plan.id}`)));
    expect(seenByB.counts).toEqual({ not_started: 0, on_track: 0, behind: 1, done: 0, overdue: 1 });
    expect(seenByB.lagging.every((l) => l.orgName === '李阳镇妇联')).toBe(true);
    expect(plan2.lagging.map((l) => [l.orgName, l.status]).sort()).toEqual([
      ['和顺县妇联', 'behind'],
      ['李阳镇妇联', 'behind'],
      ['李阳镇妇联', 'overdue'],
    ]);
  });

  it('calls a target whose period has not begun not started, and not behind', async () => {
    const { plan, item } = await planWithTarget({ value: 4 });
    const later = await ok<TargetView>(county.post('/api/targets', { taskId: item.id, orgId: t.tree.townA.id, metricCode: 'activities_total', value: 8, period: '2026Q4', deadline: '2026-12-31' }));
    const milestone = await ok<TargetView>(county.post('/api/targets', { taskId: item.id, orgId: t.tree.townA.id, period: '2026Q4', deadline: '2026-12-31' }));
    expect(later.progress).toMatchObject({ actual: 0, expected: 0, status: 'not_started' });
    expect(milestone.progress).toMatchObject({ status: 'not_started' });
    const detail = await ok<PlanDetail>(county.get(`/api/plans/${plan.id}`));
    expect(detail.counts.not_started).toBe(2);
    expect(detail.lagging.map((l) => l.targetId)).not.toContain(later.id);
  });
});

describe('progress of reported metrics', () => {
  /** an approved (or submitted) report of an org with one value, as the reports module leaves it */
  async function unsafeReport(orgId: string, period: string, status: 'approved' | 'submitted', value: number, metricCode = 'new_micro_homes') {
    const formId = uuidv7();
    await t.db.insertInto('report_forms').values({ id: formId, owner_org_id: t.tree.county.id, name: `季度报表${formId.slice(-4)}`, period_type: 'quarter' }).execute();
    const id = uuidv7();
    await t.db.insertInto('reports').values({ province_code: '14', id, form_id: formId, org_id: orgId, period, status }).execute();
    await t.db.insertInto('report_values').values({ province_code: '14', report_id: id, metric_code: metricCode, number_value: value }).execute();
  }

  it('counts approved reports of the subtree only, with the units behind the figure', async () => {
    await t.db.insertInto('metrics').values({ code: 'new_micro_homes', name: '新建妇女微家', unit: '个', source: 'reported', aggregation: null, kind_codes: [] }).execute();
    await unsafeReport(t.tree.villageA1.id, '2026Q1', 'approved', 3);
    await unsafeReport(t.tree.villageA2.id, '2026Q2', 'approved', 2);
    await unsafeReport(t.tree.villageB1.id, '2026Q1', 'submitted', 9);
    const { target } = await planWithTarget({ value: 10, metricCode: 'new_micro_homes' });
    const detail = await ok<TargetDetail>(county.post(`/api/targets/${target.id}/split`, { method: 'manual', parts: [{ orgId: t.tree.townA.id, value: 8 }, { orgId: t.tree.townB.id, value: 2 }] }));
    expect(detail.target).toMatchObject({ metricSource: 'reported', progress: { actual: 5, units: 2, status: 'on_track' } });
    expect(detail.parts.map((p) => [p.orgName, p.progress?.actual ?? null, p.progress?.status])).toEqual([
      ['义兴镇妇联', 5, 'on_track'],
      ['李阳镇妇联', null, 'behind'],
    ]);
  });

  it('counts each figure once: one value per unit and period, the coarsest period, the topmost unit', async () => {
    await t.db.insertInto('metrics').values({ code: 'aid_households', name: '帮扶困难家庭', unit: '户', source: 'reported', aggregation: null, kind_codes: [] }).execute();
    const report = (orgId: string, period: string, value: number) => unsafeReport(orgId, period, 'approved', value, 'aid_households');
    // township A: a yearly report and its quarters (the yearly one stands for the year), and two forms asking Q1
    await report(t.tree.townA.id, '2026', 40);
    await report(t.tree.townA.id, '2026Q1', 15);
    await report(t.tree.townA.id, '2026Q1', 15);
    // village A1 reported too, but township A's figure already holds it
    await report(t.tree.villageA1.id, '2026Q2', 7);
    // township B did not report: its villages' quarters add up
    await report(t.tree.villageB1.id, '2026Q1', 3);
    await report(t.tree.villageB2.id, '2026Q2', 4);
    const { target } = await planWithTarget({ value: 100, metricCode: 'aid_households' });
    expect(target.progress).toMatchObject({ actual: 47, units: 3 });
  });
});

describe('copy and export', () => {
  it("copies last year's plan: tasks and targets moved by a year, values kept, a draft", async () => {
    const { plan, target } = await planWithTarget({ year: 2025, deadline: '2025-11-30' });
    await ok(county.post(`/api/targets/${target.id}/split`, { method: 'even' }));
    await ok(county.patch(`/api/plans/${plan.id}`, { status: 'issued' }));
    const copy = await ok<PlanSummary>(county.post(`/api/plans/${plan.id}/copy`, {}));
    expect(copy).toMatchObject({ year: 2026, status: 'draft', title: plan.title.replace('2025年', '2026年'), copiedFromId: plan.id });
    const detail = await ok<PlanDetail>(county.get(`/api/plans/${copy.id}`));
    expect(detail.tasks.map((x) => [x.title, x.deadline])).toEqual([
      ['一、思想引领', null],
      ['开展各类活动', '2026-12-31'],
    ]);
    expect(detail.tasks[1].parentId).toBe(detail.tasks[0].id);
    const top = detail.targets.find((x) => !x.parentTargetId)!;
    expect(top).toMatchObject({ value: 15, period: '2026', deadline: '2026-11-30', splitMethod: 'even', splitTotal: 15 });
    expect(detail.targets.filter((x) => x.parentTargetId === top.id).map((x) => x.value)).toEqual([8, 7]);
    expect((await townAStaff.post(`/api/plans/${plan.id}/copy`, {})).statusCode).toBe(403);
    expect((await county.post(`/api/plans/${plan.id}/copy`, { year: 2025 })).statusCode).toBe(400);
    const again = await county.post(`/api/plans/${plan.id}/copy`, {});
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'DUPLICATE' });
  });

  it('exports targets and progress to .xlsx with a title row, org and period, a frozen header and the values', async () => {
    const { plan, target } = await planWithTarget({ value: 15 });
    await ok(county.post(`/api/targets/${target.id}/split`, { method: 'even' }));
    const res = await county.get(`/api/plans/${plan.id}/export`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(String(res.headers['content-disposition'])).toContain("filename*=UTF-8''");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(String(sheet.getCell('A1').value)).toContain('和顺县妇联2026年工作要点');
    expect(String(sheet.getCell('A2').value)).toContain('单位：和顺县妇联');
    expect(String(sheet.getCell('A2').value)).toContain('2026年');
    expect(sheet.getRow(3).values).toEqual([undefined, '任务', '责任单位', '指标', '单位', '期间', '目标值', '完成值', '应完成（按时序）', '完成期限', '状态']);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    const rows = [4, 5, 6].map((n) => sheet.getRow(n).values as unknown[]);
    expect(rows.map((r) => [String(r[2]).trim(), r[4], r[6]])).toEqual([
      ['和顺县妇联', '场', 15],
      ['义兴镇妇联', '场', 8],
      ['李阳镇妇联', '场', 7],
    ]);
    expect((await other.get(`/api/plans/${plan.id}/export`)).statusCode).toBe(404);
  });
});
