import fc from 'fast-check';
import type { Compilable } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { periodMonths, periodRange } from '@jinguo/common/periods.ts';
import type { MetricBreakdown } from '@jinguo/common/metrics.schema.ts';
import { buildTestApp, type Agent, type TestApp } from '../../test/build-test-app.ts';
import { unsafeInsertUser, type TestOrg } from '../../test/factories.ts';
import { sqlSnapshot } from '../../test/sql-snapshot.ts';
import { applyRollupDeltas, rebuildAllRollups } from '../activities/activity-rollups.queries.ts';
import { naiveBreakdownByChild } from './metric-values.naive.queries.ts';
import {
  activityChildTotalsQuery,
  childOrgsQuery,
  monthlyTotalsQuery,
  orgsAtPathsQuery,
  ownTotalsQuery,
  rollupChildTotalsQuery,
  subtreeKindTotalsQuery,
} from './metric-values.queries.ts';
import { extendTestTree, unsafeInsertActivities, unsafeInsertKinds, unsafeInsertMetrics, type TestActivity } from './metrics.fixtures.ts';

const KINDS = ['mtv_a', 'mtv_b', 'mtv_c'];
const METRICS = [
  { code: 'mtv_count_ab', aggregation: 'count_activities' as const, kinds: ['mtv_a', 'mtv_b'] },
  { code: 'mtv_people_b', aggregation: 'sum_participants' as const, kinds: ['mtv_b'] },
];

let t: TestApp;
let admin: Agent;
let orgs: TestOrg[];
let allOrgs: { id: string; parent_id: string | null; path: string; status: string; name: string }[];

beforeAll(async () => {
  t = await buildTestApp();
  await unsafeInsertKinds(t, KINDS.map((code) => ({ code })));
  await unsafeInsertMetrics(
    t,
    METRICS.map((m, i) => ({ code: m.code, name: `测试指标${i}`, unit: '场' as const, source: 'derived' as const, aggregation: m.aggregation, kind_codes: m.kinds, sort: i })),
  );
  const extra = await extendTestTree(t);
  const tr = t.tree;
  orgs = [tr.province, tr.city, tr.county, tr.townA, tr.townB, tr.villageA1, tr.villageA2, tr.villageB1, extra.closedVillage, extra.group, extra.newSector, tr.otherCounty];
  allOrgs = await t.db.selectFrom('orgs').select(['id', 'parent_id', 'path', 'status', 'name']).execute();
  await unsafeInsertUser(t.db, { username: 'province_admin', org: tr.province, role: 'admin' });
  admin = await t.login('province_admin');
});
afterAll(() => t.close());

/** a plain recomputation in memory of what the endpoint should answer */
function expected(activities: TestActivity[], org: TestOrg, metric: (typeof METRICS)[number], period: string) {
  const { from, to } = periodRange(period);
  const counted = activities.filter((a) => metric.kinds.includes(a.kindCode) && a.date >= from && a.date < to);
  const sum = (list: TestActivity[]) => list.reduce((s, a) => s + (metric.aggregation === 'count_activities' ? 1 : a.participants), 0);
  const under = (path: string) => counted.filter((a) => a.org.path.startsWith(path));
  const children = allOrgs.filter((o) => o.parent_id === org.id).map((c) => ({ ...c, value: sum(under(c.path)) }));
  return {
    value: sum(under(org.path)),
    own: sum(counted.filter((a) => a.org.id === org.id)),
    children,
    trend: periodMonths(period).map((month) => ({ month, value: sum(under(org.path).filter((a) => a.date.startsWith(month))) })),
  };
}

const day = fc.integer({ min: 0, max: 456 }).map((n) => new Date(Date.UTC(2024, 10, 1) + n * 86_400_000).toISOString().slice(0, 10));
const activityArb = (orgCount: number) =>
  fc.record({ orgIndex: fc.nat(orgCount - 1), kindCode: fc.constantFrom(...KINDS), date: day, participants: fc.nat(60) });

describe('metric values', () => {
  it('agree with a recomputation and with the naive recursive query at every depth, from rollups and from raw records', async () => {
    const probes = () => [t.tree.province, t.tree.city, t.tree.county, t.tree.townA, t.tree.villageA1, orgs[9], orgs[8]];
    await fc.assert(
      fc.asyncProperty(
        fc.array(activityArb(12), { maxLength: 60 }),
        fc.constantFrom('2025', '2025Q1', '2025Q4', '2025-03', '2025-12', '2024-12', '2026'),
        async (generated, period) => {
          const activities = generated.map((g) => ({ org: orgs[g.orgIndex], kindCode: g.kindCode, date: g.date, participants: g.participants }));
          await t.db.deleteFrom('activities').where('kind_code', 'in', KINDS).execute();
          await unsafeInsertActivities(t.db, activities);
          await rebuildAllRollups(t.db);
          for (const org of probes()) {
            for (const metric of METRICS) {
              const res = await admin.get(`/api/metrics/${metric.code}/breakdown?orgId=${org.id}&period=${period}`);
              expect(res.statusCode, res.body).toBe(200);
              const body = res.json() as MetricBreakdown;
              const want = expected(activities, org, metric, period);
              expect(body.metric.value).toBe(want.value);
              expect(body.trend).toEqual(want.trend);
              const own = body.rows.find((r) => r.own);
              expect(own?.value).toBe(want.own);
              expect(body.rows.reduce((s, r) => s + r.value, 0)).toBe(body.metric.value);
              const shown = want.children.filter((c) => c.status === 'active' || c.value !== 0);
              expect(body.rows.filter((r) => !r.own).map((r) => [r.orgId, r.value]).sort()).toEqual(shown.map((c) => [c.id, c.value]).sort());
              expect(body.rows.map((r) => r.value)).toEqual(body.rows.map((r) => r.value).sort((a, b) => b - a));

              const { from, to } = periodRange(period);
              const naive = await naiveBreakdownByChild(t.db, { orgId: org.id, kindCodes: metric.kinds, aggregation: metric.aggregation, from, to });
              expect(naive.own).toBe(own?.value);
              expect(naive.children.map((c) => [c.id, c.value]).sort()).toEqual(want.children.map((c) => [c.id, c.value]).sort());
            }
          }
        },
      ),
      { numRuns: 6, seed: 20250301 },
    );
  });

  it('lists a closed child while it has a figure and marks children that can be drilled into', async () => {
    await t.db.deleteFrom('activities').where('kind_code', 'in', KINDS).execute();
    await unsafeInsertActivities(t.db, [{ org: orgs[8], kindCode: 'mtv_a', date: '2025-05-05', participants: 3 }]);
    await rebuildAllRollups(t.db);
    const rowsOf = async (period: string) =>
      ((await admin.get(`/api/metrics/mtv_count_ab/breakdown?orgId=${t.tree.townA.id}&period=${period}`)).json() as MetricBreakdown).rows;
    const withValue = await rowsOf('2025');
    expect(withValue.map((r) => r.name)).toEqual(['南关村妇联', '本级', '东关村妇联', '西关村妇联']);
    expect(withValue.find((r) => r.name === '东关村妇联')?.hasChildren).toBe(true);
    expect(withValue.find((r) => r.name === '西关村妇联')?.hasChildren).toBe(false);
    expect((await rowsOf('2024')).map((r) => r.name)).not.toContain('南关村妇联');
  });

  it('changes the figure as soon as a record is added', async () => {
    const url = `/api/metrics/mtv_people_b/breakdown?orgId=${t.tree.county.id}&period=2025-07`;
    const before = (await admin.get(url)).json() as MetricBreakdown;
    await t.db.transaction().execute(async (trx) => {
      await unsafeInsertActivities(trx, [{ org: t.tree.villageB1, kindCode: 'mtv_b', date: '2025-07-09', participants: 17 }]);
      await applyRollupDeltas(trx, [{ orgPath: t.tree.villageB1.path, provinceCode: '14', date: '2025-07-09', kindCode: 'mtv_b', count: 1, participants: 17 }]);
    });
    const after = (await admin.get(url)).json() as MetricBreakdown;
    expect(after.metric.value).toBe(before.metric.value + 17);
    expect(after.rows.find((r) => r.name === '李阳镇妇联')?.value).toBe((before.rows.find((r) => r.name === '李阳镇妇联')?.value ?? 0) + 17);
  });
});

describe('compiled SQL of the roll-ups', () => {
  it('matches the reviewed snapshot', async () => {
    const county = { orgId: '00000000-0000-7000-8000-000000000023', orgPath: '14.07.23.', depth: 2, provinceCode: '14' };
    const village = { orgId: '00000000-0000-7000-8000-000000000201', orgPath: '14.07.23.100.201.', depth: 4, provinceCode: '14' };
    const year = { from: '2025-01-01', to: '2026-01-01', kindCodes: ['training', 'exec_training'] };
    const queries: [string, Compilable<unknown>][] = [
      ['kind totals of a county subtree (rollups)', subtreeKindTotalsQuery(t.db, { ...county, ...year })],
      ['kind totals of a village subtree (activities)', subtreeKindTotalsQuery(t.db, { ...village, ...year })],
      ['monthly totals of a county subtree (rollups)', monthlyTotalsQuery(t.db, { ...county, ...year })],
      ['monthly totals of a village subtree (activities)', monthlyTotalsQuery(t.db, { ...village, ...year })],
      ['children of a county: totals from their rollups', rollupChildTotalsQuery(t.db, { ...county, ...year, childIds: [village.orgId] })],
      ['children of a village: totals from the activities below it', activityChildTotalsQuery(t.db, { ...village, ...year })],
      ['own records of an org (本级)', ownTotalsQuery(t.db, { ...county, ...year })],
      ['direct children with their drill-down flag', childOrgsQuery(t.db, county.orgId)],
      ['breadcrumbs', orgsAtPathsQuery(t.db, ['14.', '14.07.'])],
    ];
    await expect(sqlSnapshot(queries)).toMatchFileSnapshot('./metric-values.snapshot.sql');
  });
});
