import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DashboardData, MetricBreakdown, MetricView } from '@jinguo/common/metrics.schema.ts';
import { buildTestApp, type Agent, type TestApp } from '../../test/build-test-app.ts';
import { rebuildAllRollups } from '../activities/activity-rollups.queries.ts';
import { unsafeInsertActivities, unsafeInsertKinds, unsafeInsertMetrics } from './metrics.fixtures.ts';

let t: TestApp;
let countyAdmin: Agent;
let townAStaff: Agent;
let townBAdmin: Agent;
let otherAdmin: Agent;

beforeAll(async () => {
  t = await buildTestApp();
  const { county, townA, townB, villageA1, villageB1, otherCounty } = t.tree;
  await unsafeInsertKinds(t, [
    { code: 'mt_talk' },
    { code: 'mt_visit' },
    { code: 'mt_county_kind', ownerOrgId: county.id },
    { code: 'mt_townb_kind', ownerOrgId: townB.id },
  ]);
  const derived = { source: 'derived' as const, unit: '场' as const };
  await unsafeInsertMetrics(t, [
    { ...derived, code: 'mt_talks', name: '谈心场次', aggregation: 'count_activities', kind_codes: ['mt_talk', 'mt_visit'], sort: 1 },
    { ...derived, code: 'mt_visitors', name: '走访人次', unit: '人次', aggregation: 'sum_participants', kind_codes: ['mt_visit'], sort: 2 },
    { code: 'mt_reported', name: '填报指标', unit: '户', source: 'reported', aggregation: null, kind_codes: [], sort: 3 },
    { ...derived, code: 'mt_inactive', name: '停用指标', aggregation: 'count_activities', kind_codes: ['mt_talk'], sort: 0, active: false },
    { ...derived, code: 'mt_townb_metric', name: '李阳镇指标', aggregation: 'count_activities', kind_codes: ['mt_talk'], owner_org_id: townB.id, sort: 0 },
  ]);
  await unsafeInsertActivities(t.db, [
    { org: villageA1, kindCode: 'mt_talk', date: '2025-03-10', participants: 10 },
    { org: villageA1, kindCode: 'mt_visit', date: '2025-03-20', participants: 5 },
    { org: villageA1, kindCode: 'mt_visit', date: '2025-08-01', participants: 7 },
    { org: townA, kindCode: 'mt_talk', date: '2025-04-02', participants: 20 },
    { org: villageB1, kindCode: 'mt_visit', date: '2025-11-30', participants: 3 },
    { org: county, kindCode: 'mt_talk', date: '2024-12-31', participants: 1 },
    { org: otherCounty, kindCode: 'mt_talk', date: '2025-03-10', participants: 100 },
  ]);
  await rebuildAllRollups(t.db);
  countyAdmin = await t.login('county_admin');
  townAStaff = await t.login('towna_staff');
  townBAdmin = await t.login('townb_admin');
  otherAdmin = await t.login('other_admin');
});
afterAll(() => t.close());

const breakdown = (agent: Agent, code: string, orgId: string, period: string) => agent.get(`/api/metrics/${code}/breakdown?orgId=${orgId}&period=${period}`);
const codesOf = async (agent: Agent) => ((await agent.get('/api/metrics')).json() as { items: MetricView[] }).items.map((m) => m.code);

describe('metric definitions', () => {
  it('lists system metrics and those of ancestors, inactive and reported ones included', async () => {
    const seen = await codesOf(townAStaff);
    expect(seen).toEqual(expect.arrayContaining(['mt_talks', 'mt_visitors', 'mt_reported', 'mt_inactive']));
    expect(seen).not.toContain('mt_townb_metric');
    expect(await codesOf(townBAdmin)).toContain('mt_townb_metric');
  });

  it('lets an admin define a metric for its subtree, with distinct visible kinds, and audits it', async () => {
    const res = await countyAdmin.post('/api/metrics', {
      name: '入户走访人次',
      unit: '人次',
      aggregation: 'sum_participants',
      kindCodes: ['mt_visit', 'mt_county_kind', 'mt_visit'],
    });
    expect(res.statusCode, res.body).toBe(200);
    const m = res.json() as MetricView;
    expect(m.code).toMatch(/^m_[a-z0-9]{8,}$/);
    expect(m).toMatchObject({ ownerOrgId: t.tree.county.id, source: 'derived', kindCodes: ['mt_visit', 'mt_county_kind'], active: true });
    expect(await codesOf(townAStaff)).toContain(m.code);
    expect(await codesOf(otherAdmin)).not.toContain(m.code);
    const audit = await t.db.selectFrom('audit_log').selectAll().where('entity', '=', 'metric').where('entity_id', '=', m.code).execute();
    expect(audit.map((a) => a.action)).toEqual(['create']);

    const b = (await breakdown(townAStaff, m.code, t.tree.townA.id, '2025')).json() as MetricBreakdown;
    expect(b.metric).toEqual({ code: m.code, name: '入户走访人次', unit: '人次', value: 12 });
  });

  it('lets only admins define metrics', async () => {
    const body = { name: '测试', unit: '场', aggregation: 'count_activities', kindCodes: ['mt_talk'] };
    const staff = await townAStaff.post('/api/metrics', body);
    expect(staff.statusCode).toBe(403);
    expect(staff.json().message).toContain('没有权限');
    const exec = await (await t.login('villagea1_exec')).post('/api/metrics', body);
    expect(exec.statusCode).toBe(403);
  });

  it('refuses kinds that do not exist or that the actor cannot see, naming body.kindCodes', async () => {
    const base = { name: '测试', unit: '场', aggregation: 'count_activities' };
    const unknown = await countyAdmin.post('/api/metrics', { ...base, kindCodes: ['mt_talk', 'mt_nope'] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().fields).toEqual([{ path: 'body.kindCodes', message: expect.stringContaining('mt_nope') }]);
    expect(unknown.json().message).toContain('活动类型');
    const foreign = await countyAdmin.post('/api/metrics', { ...base, kindCodes: ['mt_townb_kind'] });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().fields[0].path).toBe('body.kindCodes');
    const fromAncestor = await townBAdmin.post('/api/metrics', { ...base, kindCodes: ['mt_county_kind', 'mt_townb_kind'] });
    expect(fromAncestor.statusCode).toBe(200);
  });

  it('refuses bad bodies in Chinese', async () => {
    const base = { name: '测试', unit: '场', aggregation: 'count_activities', kindCodes: ['mt_talk'] };
    const extra = await countyAdmin.post('/api/metrics', { ...base, code: 'mine' });
    expect(extra.statusCode).toBe(400);
    expect(extra.json().message).toMatch(/(不允许的字段|未知的键).*code/);
    const unit = await countyAdmin.post('/api/metrics', { ...base, unit: '元' });
    expect(unit.statusCode).toBe(400);
    expect(unit.json().message).toContain('单位不正确');
    const none = await countyAdmin.post('/api/metrics', { ...base, kindCodes: [] });
    expect(none.statusCode).toBe(400);
    expect(none.json().message).toContain('至少选择一个活动类型');
    const noName = await countyAdmin.post('/api/metrics', { ...base, name: '  ' });
    expect(noName.statusCode).toBe(400);
    expect(noName.json().fields[0].path).toBe('body.name');
  });

  it("changes and deactivates only the actor's own org's metrics", async () => {
    const created = (await countyAdmin.post('/api/metrics', { name: '谈心人次', unit: '人次', aggregation: 'sum_participants', kindCodes: ['mt_visit'] })).json() as MetricView;
    expect((await townBAdmin.patch(`/api/metrics/${created.code}`, { name: '改名' })).statusCode).toBe(403);
    expect((await otherAdmin.patch(`/api/metrics/${created.code}`, { name: '改名' })).statusCode).toBe(404);
    expect((await townAStaff.patch(`/api/metrics/${created.code}`, { name: '改名' })).statusCode).toBe(403);
    const system = await countyAdmin.patch('/api/metrics/mt_talks', { name: '改名' });
    expect(system.statusCode).toBe(403);
    expect(system.json().message).toContain('只能修改本组织定义的指标');

    const changed = await countyAdmin.patch(`/api/metrics/${created.code}`, { kindCodes: ['mt_talk'], name: '谈心参加人次' });
    expect(changed.json()).toMatchObject({ code: created.code, name: '谈心参加人次', kindCodes: ['mt_talk'], unit: '人次', active: true });
    const value = (await breakdown(countyAdmin, created.code, t.tree.county.id, '2025')).json() as MetricBreakdown;
    expect(value.metric.value).toBe(30);

    const cardsOf = async () => ((await countyAdmin.get('/api/dashboard?period=2025')).json() as DashboardData).cards.map((c) => c.code);
    expect(await cardsOf()).toContain(created.code);
    expect((await countyAdmin.patch(`/api/metrics/${created.code}`, { active: false })).json().active).toBe(false);
    expect(await cardsOf()).not.toContain(created.code);
    const audit = await t.db.selectFrom('audit_log').select('action').where('entity_id', '=', created.code).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'update']);
    expect((await countyAdmin.patch(`/api/metrics/${created.code}`, { active: true, kindCodes: ['mt_nope'] })).statusCode).toBe(400);
  });
});

describe('metric breakdown', () => {
  it('splits a figure by child org and 本级 for a year, a quarter and a month', async () => {
    const year = (await breakdown(countyAdmin, 'mt_talks', t.tree.county.id, '2025')).json() as MetricBreakdown;
    expect(year.metric).toEqual({ code: 'mt_talks', name: '谈心场次', unit: '场', value: 5 });
    expect(year.rows.map((r) => [r.name, r.value, r.own, r.hasChildren])).toEqual([
      ['义兴镇妇联', 4, false, true],
      ['李阳镇妇联', 1, false, true],
      ['本级', 0, true, false],
    ]);
    expect(year.trend).toHaveLength(12);
    expect(year.trend.filter((p) => p.value > 0)).toEqual([
      { month: '2025-03', value: 2 },
      { month: '2025-04', value: 1 },
      { month: '2025-08', value: 1 },
      { month: '2025-11', value: 1 },
    ]);
    const quarter = (await breakdown(countyAdmin, 'mt_visitors', t.tree.county.id, '2025Q1')).json() as MetricBreakdown;
    expect(quarter.metric.value).toBe(5);
    expect(quarter.trend).toEqual([
      { month: '2025-01', value: 0 },
      { month: '2025-02', value: 0 },
      { month: '2025-03', value: 5 },
    ]);
    const month = (await breakdown(countyAdmin, 'mt_talks', t.tree.townA.id, '2025-04')).json() as MetricBreakdown;
    expect(month.metric.value).toBe(1);
    expect(month.rows[0]).toEqual({ orgId: t.tree.townA.id, name: '本级', own: true, hasChildren: false, value: 1 });
    expect(month.trend).toEqual([{ month: '2025-04', value: 1 }]);
    const previousYear = (await breakdown(countyAdmin, 'mt_talks', t.tree.county.id, '2024')).json() as MetricBreakdown;
    expect(previousYear.rows.find((r) => r.own)?.value).toBe(1);
  });

  it('answers 404 for orgs outside the subtree and metrics the actor cannot see', async () => {
    const outside = await breakdown(townBAdmin, 'mt_talks', t.tree.townA.id, '2025');
    expect(outside.statusCode).toBe(404);
    expect(outside.json().code).toBe('OUT_OF_SCOPE');
    expect((await breakdown(otherAdmin, 'mt_talks', t.tree.county.id, '2025')).statusCode).toBe(404);
    expect((await breakdown(townAStaff, 'mt_townb_metric', t.tree.townA.id, '2025')).json().code).toBe('NOT_FOUND');
    expect((await breakdown(townAStaff, 'no_such_metric', t.tree.townA.id, '2025')).statusCode).toBe(404);
  });

  it('has no derived value for reported metrics', async () => {
    const res = await breakdown(countyAdmin, 'mt_reported', t.tree.county.id, '2025');
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('填报');
  });

  it('refuses bad queries in Chinese, naming the field', async () => {
    const period = await breakdown(countyAdmin, 'mt_talks', t.tree.county.id, '2025Q5');
    expect(period.statusCode).toBe(400);
    expect(period.json().message).toContain('期间格式');
    expect(period.json().fields[0].path).toBe('querystring.period');
    const extra = await countyAdmin.get(`/api/metrics/mt_talks/breakdown?orgId=${t.tree.county.id}&period=2025&x=1`);
    expect(extra.statusCode).toBe(400);
    expect(extra.json().message).toMatch(/(不允许的字段|未知的键).*x/);
    const org = await breakdown(countyAdmin, 'mt_talks', 'abc', '2025');
    expect(org.statusCode).toBe(400);
    expect(org.json().message).toContain('编号格式不正确');
    expect((await breakdown(countyAdmin, 'MT-Talks', t.tree.county.id, '2025')).json().message).toContain('指标编码不正确');
  });
});

describe('dashboard', () => {
  it("shows every active visible derived metric for the actor's org and selects the first", async () => {
    const res = await countyAdmin.get('/api/dashboard?period=2025');
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json() as DashboardData;
    expect(d.org).toEqual({ id: t.tree.county.id, name: '和顺县妇联', breadcrumbs: [{ id: t.tree.county.id, name: '和顺县妇联' }] });
    expect(d.period).toBe('2025');
    const listed = ((await countyAdmin.get('/api/metrics')).json() as { items: MetricView[] }).items;
    expect(d.cards.map((c) => c.code)).toEqual(listed.filter((m) => m.active && m.source === 'derived').map((m) => m.code));
    expect(d.cards.slice(0, 2)).toEqual([
      { code: 'mt_talks', name: '谈心场次', unit: '场', value: 5 },
      { code: 'mt_visitors', name: '走访人次', unit: '人次', value: 15 },
    ]);
    expect(d.selected?.metric.code).toBe('mt_talks');
    expect(d.selected?.rows.map((r) => r.value)).toEqual([4, 1, 0]);
  });

  it('drills into a village with breadcrumbs from the actor’s org and a chosen metric', async () => {
    const d = (await countyAdmin.get(`/api/dashboard?orgId=${t.tree.villageA1.id}&period=2025&metricCode=mt_visitors`)).json() as DashboardData;
    expect(d.org.breadcrumbs.map((b) => b.name)).toEqual(['和顺县妇联', '义兴镇妇联', '东关村妇联']);
    expect(d.cards.find((c) => c.code === 'mt_talks')?.value).toBe(3);
    expect(d.selected?.metric.value).toBe(12);
    expect(d.selected?.rows).toEqual([{ orgId: t.tree.villageA1.id, name: '本级', own: true, hasChildren: false, value: 12 }]);
    expect(d.selected?.trend.filter((p) => p.value > 0)).toEqual([
      { month: '2025-03', value: 5 },
      { month: '2025-08', value: 7 },
    ]);
    const staff = (await townAStaff.get(`/api/dashboard?orgId=${t.tree.villageA1.id}&period=2025Q1`)).json() as DashboardData;
    expect(staff.org.breadcrumbs.map((b) => b.name)).toEqual(['义兴镇妇联', '东关村妇联']);
    expect(staff.cards.find((c) => c.code === 'mt_visitors')?.value).toBe(5);
  });

  it('keeps to the subtree and refuses reported or bad input', async () => {
    expect((await townBAdmin.get(`/api/dashboard?orgId=${t.tree.townA.id}&period=2025`)).statusCode).toBe(404);
    expect((await otherAdmin.get(`/api/dashboard?orgId=${t.tree.county.id}&period=2025`)).statusCode).toBe(404);
    const townB = (await townBAdmin.get('/api/dashboard?period=2025')).json() as DashboardData;
    expect(townB.selected?.metric.code).toBe('mt_townb_metric');
    expect((await countyAdmin.get('/api/dashboard?period=2025&metricCode=mt_reported')).statusCode).toBe(400);
    const bad = await countyAdmin.get('/api/dashboard?period=2025-13');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('期间格式');
    expect((await countyAdmin.get('/api/dashboard')).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: '/api/dashboard?period=2025' })).statusCode).toBe(401);
  });
});
