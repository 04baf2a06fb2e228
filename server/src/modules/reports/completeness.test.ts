import ExcelJS from 'exceljs';
import type { Compilable } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../test/build-test-app.ts';
import { sqlSnapshot } from '../../test/sql-snapshot.ts';
import { completenessBySegmentQuery, lateUnitsQuery } from './completeness.queries.ts';
import { approvedValuesBySegmentQuery, approvedValuesQuery } from './reports.queries.ts';
import { createTestForm, createTestMetrics, fillAndSubmit, loginAll } from './reports.test-fixtures.ts';

// the clock moves from before the due day (5 April) to after it; sessions are made again at each move
let clock = new Date('2026-04-03T02:00:00Z');
const t = await buildTestApp({ now: () => clock });
let a: Awaited<ReturnType<typeof loginAll>>;
let townForm: string;
let villageForm: string;
const P = '2026Q1';

beforeAll(async () => {
  a = await loginAll(t, {});
  const m = await createTestMetrics(a.county);
  townForm = await createTestForm(a.county, m, 'township');
  villageForm = await createTestForm(a.county, m, 'village');
  const values = [{ metricCode: m.homes, value: 1 }];
  await fillAndSubmit(a.townA, { formId: townForm, orgId: t.tree.townA.id, period: P, values });
  clock = new Date('2026-04-07T02:00:00Z');
  a = await loginAll(t, {});
  await fillAndSubmit(a.townB, { formId: townForm, orgId: t.tree.townB.id, period: P, values });
  await fillAndSubmit(a.townB, { formId: villageForm, orgId: t.tree.townB.id, period: P, values });
});
afterAll(() => t.close());

const url = (formId: string, orgId?: string) => `/api/completeness?formId=${formId}&period=${P}${orgId ? `&orgId=${orgId}` : ''}`;

describe('completeness and timeliness', () => {
  it('counts expected, submitted, on time, approved, returned and missing for the subtree', async () => {
    const res = await a.county.get(url(townForm));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ dueOn: '2026-04-05', overdue: true, totals: { expected: 2, submitted: 2, onTime: 1, approved: 0, returned: 0, missing: 0 } });
    const returned = (await a.county.get(`/api/reports?formId=${townForm}&period=${P}&orgId=${t.tree.townB.id}`)).json().items[0];
    expect((await a.county.post(`/api/reports/${returned.id}/return`, { reason: '请补充亮点' })).statusCode).toBe(200);
    const ownA = (await a.county.get(`/api/reports?formId=${townForm}&period=${P}&orgId=${t.tree.townA.id}`)).json().items[0];
    expect((await a.county.post(`/api/reports/${ownA.id}/approve`)).statusCode).toBe(200);
    const after = (await a.county.get(url(townForm))).json();
    expect(after.totals).toEqual({ expected: 2, submitted: 1, onTime: 1, approved: 1, returned: 1, missing: 1 });
    expect(after.rows.map((r: { name: string; status: string }) => [r.name, r.status])).toEqual([
      ['义兴镇妇联', 'approved'],
      ['李阳镇妇联', 'returned'],
    ]);
  });

  it('drills down the tree level by level', async () => {
    const county = (await a.county.get(url(villageForm))).json();
    expect(county.totals).toMatchObject({ expected: 6, submitted: 1, missing: 5 });
    const rowB = county.rows.find((r: { orgId: string }) => r.orgId === t.tree.townB.id);
    expect(rowB).toMatchObject({ expected: 3, submitted: 1, hasBelow: true, status: 'submitted' });
    const townB = (await a.county.get(url(villageForm, t.tree.townB.id))).json();
    expect(townB.breadcrumbs.map((b: { name: string }) => b.name)).toEqual(['和顺县妇联', '李阳镇妇联']);
    expect(townB.rows.map((r: { name: string; expected: number }) => [r.name, r.expected])).toEqual([
      ['本级', 1],
      ['李阳村妇联', 1],
      ['石叠村妇联', 1],
    ]);
  });

  it('is refused outside the subtree', async () => {
    expect((await a.other.get(url(townForm))).statusCode).toBe(404);
    expect((await a.townB.get(url(townForm, t.tree.townA.id))).statusCode).toBe(404);
    expect((await a.county.get(`/api/completeness?formId=${townForm}&period=2026-03`)).statusCode).toBe(400);
  });
});

describe('chasing late units', () => {
  it('reminds every unit that has not submitted and gives a message to paste', async () => {
    expect((await a.exec.post('/api/completeness/chase', { formId: villageForm, period: P })).statusCode).toBe(403);
    const res = await a.county.post('/api/completeness/chase', { formId: townForm, period: P });
    expect(res.statusCode, res.body).toBe(200);
    const chase = res.json();
    expect(chase.units.map((u: { name: string }) => u.name)).toEqual(['李阳镇妇联']);
    expect(chase.message).toContain('【催报】《妇女工作季报》2026年第一季度报表已过截止日期（2026-04-05）');
    expect(chase.message).toContain('1. 李阳镇妇联（已退回待修改）');
    const reminders = (await a.townB.get('/api/reminders')).json().items;
    expect(reminders).toHaveLength(1);
    expect(reminders[0]).toMatchObject({ sentByOrgName: '和顺县妇联', readAt: null });
    expect((await a.townA.post(`/api/reminders/${reminders[0].id}/read`)).statusCode).toBe(404);
    expect((await a.townB.post(`/api/reminders/${reminders[0].id}/read`)).statusCode).toBe(200);
    expect((await a.townB.get('/api/reminders')).json().items[0].readAt).not.toBeNull();
    expect((await a.townA.get('/api/reminders')).json().items).toEqual([]);
  });

  it("lists a unit's own due and overdue reports on its home page", async () => {
    const due = (await a.townB.get('/api/reports/due')).json().items;
    const q1 = due.filter((d: { period: string }) => d.period === P);
    expect(q1).toHaveLength(1);
    expect(q1[0]).toMatchObject({ formId: townForm, status: 'returned', overdue: true, returnReason: '请补充亮点' });
    const dueA = (await a.townA.get('/api/reports/due')).json().items;
    expect(dueA.map((d: { formId: string }) => d.formId)).toEqual([villageForm]);
  });
});

describe('export', () => {
  async function readBack(path: string) {
    const res = await a.county.request({ method: 'GET', url: path });
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    return { sheet, rows: sheet.getSheetValues().slice(1).map((r) => (Array.isArray(r) ? r.slice(1) : [])) };
  }

  it('writes completeness with a title, the org and period, units in the header and the header frozen', async () => {
    const { sheet, rows } = await readBack(`/api/completeness/export?formId=${townForm}&period=${P}`);
    expect(rows[0][0]).toBe('妇女工作季报报送情况');
    expect(String(rows[1][0])).toContain('单位：和顺县妇联　期间：2026年第一季度');
    expect(rows[2]).toEqual(['单位', '本单位报表', '应报（个）', '已报（个）', '按时（个）', '已通过（个）', '退回（个）', '未报（个）']);
    expect(rows[3]).toEqual(['义兴镇妇联', '已通过', 1, 1, 1, 1, 0, 0]);
    expect(rows.at(-1)).toEqual(['合计', null, 2, 1, 1, 1, 1, 1].map((v) => v ?? undefined));
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
  });

  it('writes the aggregated values of approved reports with the units behind them', async () => {
    const { rows } = await readBack(`/api/reports/aggregates/export?formId=${townForm}&period=${P}`);
    expect(rows[2].slice(0, 5)).toEqual(['单位', '巾帼大宣讲场次（场）', '巾帼大宣讲场次填报单位数（个）', '新建妇女微家（个）', '新建妇女微家填报单位数（个）']);
    expect(rows.at(-1)?.slice(0, 5)).toEqual(['合计', 0, 1, 1, 1]);
  });
});

describe('compiled SQL of the report queries', () => {
  it('matches the reviewed snapshot', async () => {
    const scope = { path: '14.07.23.', provinceCode: '14', formId: '00000000-0000-7000-8000-000000000001', period: P, minDepth: 3, maxDepth: 4 };
    const values = { provinceCode: '14', path: '14.07.23.', metricCodes: ['rep_micro_homes'], formId: scope.formId };
    const queries: [string, Compilable<unknown>][] = [
      ['completeness of a subtree, grouped by child', completenessBySegmentQuery(t.db, { ...scope, deadline: new Date('2026-04-05T16:00:00Z') })],
      ['late units of a subtree', lateUnitsQuery(t.db, scope, 1000)],
      ['approved values of a subtree (reportedValueForSubtree)', approvedValuesQuery(t.db, { ...values, periods: ['2026', '2026Q1'] })],
      ['approved values per child (aggregates)', approvedValuesBySegmentQuery(t.db, { ...values, period: P })],
    ];
    await expect(sqlSnapshot(queries)).toMatchFileSnapshot('./reports.snapshot.sql');
  });
});
