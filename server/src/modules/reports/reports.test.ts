import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../test/build-test-app.ts';
import { unsafeInsertUser } from '../../test/factories.ts';
import { reportedValueForSubtree } from './reports.service.ts';
import { createTestForm, createTestMetrics, fillAndSubmit, loginAll, type TestMetrics } from './reports.test-fixtures.ts';

// 10:00 on 3 April 2026 in Shanghai: the first quarter's reports are open and due on 5 April
const t = await buildTestApp({ now: () => new Date('2026-04-03T02:00:00Z') });
let a: Awaited<ReturnType<typeof loginAll>>;
let m: TestMetrics;
let formId: string;
let townReport: string;
const P = '2026Q1';

beforeAll(async () => {
  const a1 = await unsafeInsertUser(t.db, { username: 'villagea1_staff', org: t.tree.villageA1, role: 'staff' });
  const a2 = await unsafeInsertUser(t.db, { username: 'villagea2_staff', org: t.tree.villageA2, role: 'staff' });
  a = await loginAll(t, { a1: a1.username, a2: a2.username });
  m = await createTestMetrics(a.county);
  formId = await createTestForm(a.county, m, 'village');
  for (const [orgId, date] of [[t.tree.townA.id, '2026-02-10'], [t.tree.townA.id, '2026-03-01'], [t.tree.villageA1.id, '2026-03-20'], [t.tree.villageA1.id, '2026-04-01']]) {
    const res = await a.townA.post('/api/activities', { orgId, kindCode: 'outreach_lecture', title: '巾帼大宣讲', date, participants: 30, place: '村委会' });
    expect(res.statusCode, res.body).toBe(200);
  }
});
afterAll(() => t.close());

describe('a township reports a quarter and the county reviews it', () => {
  it('opens the report prefilled with the derived figures of its subtree, read-only, and saves what it fills in', async () => {
    const res = await a.townA.post('/api/reports', { formId, orgId: t.tree.townA.id, period: P });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    townReport = r.id;
    expect(r.status).toBe('draft');
    expect(r.values.find((v: { metricCode: string }) => v.metricCode === 'outreach_sessions')).toMatchObject({ source: 'derived', value: 3 });
    expect(r.can).toEqual({ edit: true, review: false, reopen: false });
    const derived = await a.townA.patch(`/api/reports/${townReport}`, { values: [{ metricCode: 'outreach_sessions', value: 9 }] });
    expect(derived.statusCode).toBe(400);
    const wrongType = await a.townA.patch(`/api/reports/${townReport}`, { values: [{ metricCode: m.homes, value: '三个' }] });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().fields[0].path).toBe('body.values.0.value');
    const saved = await a.townA.patch(`/api/reports/${townReport}`, { values: [{ metricCode: m.homes, value: 4 }, { metricCode: m.satisfaction, value: 90 }] });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().values.find((v: { metricCode: string }) => v.metricCode === m.homes).value).toBe(4);
  });

  it('refuses to submit while a required field is empty, then submits and snapshots the derived figures', async () => {
    const incomplete = await a.townA.post(`/api/reports/${townReport}/submit`);
    expect(incomplete.statusCode).toBe(400);
    expect(incomplete.json().message).toContain('工作亮点');
    await a.townA.patch(`/api/reports/${townReport}`, { narrative: { 工作亮点: '宣讲进村入户' } });
    const res = await a.townA.post(`/api/reports/${townReport}/submit`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('submitted');
    const rows = await t.db.selectFrom('report_values').selectAll().where('report_id', '=', townReport).where('metric_code', '=', 'outreach_sessions').execute();
    expect(Number(rows[0].number_value)).toBe(3);
    expect((await a.townA.patch(`/api/reports/${townReport}`, { narrative: { 工作亮点: '改' } })).statusCode).toBe(409);
  });

  it('lets the county return it with a reason, and the township fix it and submit again', async () => {
    expect((await a.county.post(`/api/reports/${townReport}/return`, { reason: '' })).statusCode).toBe(400);
    const returned = await a.county.post(`/api/reports/${townReport}/return`, { reason: '微家数量与台账不符，请核实' });
    expect(returned.statusCode, returned.body).toBe(200);
    expect(returned.json()).toMatchObject({ status: 'returned', returnReason: '微家数量与台账不符，请核实' });
    const fixed = await a.townA.patch(`/api/reports/${townReport}`, { values: [{ metricCode: m.homes, value: 5 }] });
    expect(fixed.statusCode).toBe(200);
    expect((await a.townA.post(`/api/reports/${townReport}/submit`)).json().status).toBe('submitted');
  });

  it("approves the township's aggregate only after its villages' reports are approved", async () => {
    const early = await a.county.post(`/api/reports/${townReport}/approve`);
    expect(early.statusCode).toBe(409);
    expect(early.json().message).toContain('东关村妇联');
    const v1 = await fillAndSubmit(a.a1, { formId, orgId: t.tree.villageA1.id, period: P, values: [{ metricCode: m.homes, value: 2 }, { metricCode: m.satisfaction, value: 80 }, { metricCode: m.meeting, value: true }] });
    const v2 = await fillAndSubmit(a.a2, { formId, orgId: t.tree.villageA2.id, period: P, values: [{ metricCode: m.homes, value: 1 }, { metricCode: m.satisfaction, value: 70 }, { metricCode: m.meeting, value: false }] });
    const ids = async (agent: typeof a.county) => {
      const res = await agent.get('/api/reports/to-review');
      expect(res.statusCode, res.body).toBe(200);
      return (res.json().items as { id: string; status: string }[]).map((r) => r.id);
    };
    expect((await ids(a.townA)).sort()).toEqual([v1, v2].sort());
    expect(await ids(a.county)).toEqual([townReport]);
    expect(await ids(a.exec)).toEqual([]);
    expect(await ids(a.townB)).toEqual([]);
    expect(await ids(a.other)).toEqual([]);
    expect((await a.county.post(`/api/reports/${v1}/approve`)).statusCode).toBe(403);
    for (const id of [v1, v2]) expect((await a.townA.post(`/api/reports/${id}/approve`)).statusCode).toBe(200);
    const approved = await a.county.post(`/api/reports/${townReport}/approve`);
    expect(approved.statusCode, approved.body).toBe(200);
    expect(await ids(a.townA)).toEqual([]);
    expect(await ids(a.county)).toEqual([]);
    expect(approved.json()).toMatchObject({ status: 'approved', can: { edit: false, review: false, reopen: true } });
    expect(approved.json().values.find((v: { metricCode: string }) => v.metricCode === m.homes).below).toEqual({ value: 3, units: 2 });
  });

  it('locks an approved report until the approver reopens it with a reason, keeping every step', async () => {
    const locked = await a.townA.patch(`/api/reports/${townReport}`, { values: [{ metricCode: m.homes, value: 6 }] });
    expect(locked.statusCode).toBe(409);
    expect(locked.json().code).toBe('REPORT_LOCKED');
    expect((await a.townA.post(`/api/reports/${townReport}/submit`)).statusCode).toBe(409);
    expect((await a.county.post(`/api/reports/${townReport}/reopen`, {})).statusCode).toBe(400);
    const reopened = await a.county.post(`/api/reports/${townReport}/reopen`, { reason: '补报微家数据' });
    expect(reopened.statusCode, reopened.body).toBe(200);
    expect(reopened.json().status).toBe('returned');
    expect(reopened.json().events.map((e: { action: string }) => e.action)).toEqual(['create', 'save', 'save', 'submit', 'return', 'save', 'submit', 'approve', 'reopen']);
    expect(reopened.json().events.at(-1)).toMatchObject({ username: 'county_admin', reason: '补报微家数据' });
    const audit = await t.db.selectFrom('audit_log').select('action').where('entity', '=', 'report').where('entity_id', '=', townReport).execute();
    expect(audit).toHaveLength(9);
    expect((await a.townA.patch(`/api/reports/${townReport}`, { values: [{ metricCode: m.homes, value: 6 }] })).statusCode).toBe(200);
    expect((await a.townA.post(`/api/reports/${townReport}/submit`)).statusCode).toBe(200);
    expect((await a.county.post(`/api/reports/${townReport}/approve`)).statusCode).toBe(200);
  });
});

describe('access', () => {
  it('shows and changes a report only inside the subtree, for its own unit, reviewed by the parent', async () => {
    for (const agent of [a.townB, a.other]) {
      expect((await agent.get(`/api/reports/${townReport}`)).statusCode).toBe(404);
      expect((await agent.post(`/api/reports/${townReport}/reopen`, { reason: '越权' })).statusCode).toBe(404);
    }
    expect((await a.townA.post(`/api/reports/${townReport}/reopen`, { reason: '自己打开' })).statusCode).toBe(403);
    expect((await a.exec.post('/api/reports', { formId, orgId: t.tree.villageA1.id, period: P })).statusCode).toBe(403);
    expect((await a.townB.post('/api/reports', { formId, orgId: t.tree.townA.id, period: P })).statusCode).toBe(404);
    expect((await a.county.post('/api/reports', { formId, orgId: t.tree.county.id, period: P })).statusCode).toBe(409);
    expect((await a.townA.post('/api/reports', { formId, orgId: t.tree.townA.id, period: '2026' })).json().fields[0].path).toBe('body.period');
    expect((await a.townA.post('/api/reports', { formId, orgId: t.tree.townA.id, period: '2026Q3' })).json().code).toBe('REPORT_NOT_OPEN');
    expect((await a.other.get(`/api/report-forms/${formId}`)).statusCode).toBe(404);
    expect((await a.townA.post('/api/report-forms/metrics', { name: '乡镇指标', unit: '个', valueType: 'number' })).statusCode).toBe(403);
    const listed = await a.townB.get('/api/reports');
    expect(listed.json().items.map((r: { orgId: string }) => r.orgId)).not.toContain(t.tree.townA.id);
  });
});

describe('aggregates', () => {
  it('sums or averages the approved values up the tree, with the units behind each figure', async () => {
    const res = await a.county.get(`/api/reports/aggregates?formId=${formId}&period=${P}`);
    expect(res.statusCode, res.body).toBe(200);
    const agg = res.json();
    const col = (code: string) => agg.metrics.findIndex((x: { code: string }) => x.code === code);
    // township A's approved figures are its whole township's (compiled from its villages'): the villages are not
    // added again; where the township gave no answer (the meeting), its villages' answers count
    expect(agg.total[col(m.homes)]).toEqual({ value: 6, units: 1 });
    expect(agg.total[col(m.satisfaction)]).toEqual({ value: 90, units: 1 });
    expect(agg.total[col(m.meeting)]).toEqual({ value: 1, units: 2 });
    const townRow = agg.rows.find((r: { orgId: string }) => r.orgId === t.tree.townA.id);
    expect(townRow.cells[col(m.homes)]).toEqual({ value: 6, units: 1 });
    expect(agg.rows.find((r: { orgId: string }) => r.orgId === t.tree.townB.id).cells[col(m.homes)]).toEqual({ value: null, units: 0 });
    const county = t.tree.county;
    expect(await reportedValueForSubtree(t.db, { orgId: county.id, orgPath: county.path, provinceCode: '14', metricCode: m.homes, period: '2026' })).toEqual({ value: 6, units: 1 });
  });

  it('counts nothing from reports that are not approved', async () => {
    await a.county.post(`/api/reports/${townReport}/reopen`, { reason: '再核实' });
    const agg = (await a.county.get(`/api/reports/aggregates?formId=${formId}&period=${P}`)).json();
    expect(agg.total[agg.metrics.findIndex((x: { code: string }) => x.code === m.homes)]).toEqual({ value: 3, units: 2 });
  });
});
