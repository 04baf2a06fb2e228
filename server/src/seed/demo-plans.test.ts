import { afterAll, expect, it } from 'vitest';
import type { PlanDetail, PlanSummary } from '@jinguo/common/plans.schema.ts';
import { buildTestApp } from '../test/build-test-app.ts';
import { seedDemoPlans } from './demo-plans.ts';

/** The demo plan on the test tree: issued, its numeric targets split to the townships and 义兴镇's on to its villages. */
const t = await buildTestApp({ now: () => new Date('2026-07-01T04:00:00Z') });
afterAll(() => t.close());

it('seeds an issued plan whose split targets add up at every level', async () => {
  const county = await t.login(t.users.countyAdmin);
  for (const date of ['2026-02-01', '2026-03-01', '2026-04-01']) {
    const res = await county.post('/api/activities', { orgId: t.tree.villageA1.id, kindCode: 'outreach_lecture', title: '巾帼大宣讲', date, participants: 30, place: '村委会' });
    expect(res.statusCode, res.body).toBe(200);
  }
  const { planId } = await t.db.transaction().execute((trx) => seedDemoPlans(trx, { countyPath: t.tree.county.path, today: '2026-07-01' }));
  const plans = (await county.get('/api/plans?year=2026')).json() as { items: PlanSummary[] };
  expect(plans.items.find((p) => p.id === planId)).toMatchObject({ status: 'issued', title: '和顺县妇联2026年工作要点' });
  const detail = (await county.get(`/api/plans/${planId}`)).json() as PlanDetail;
  expect(detail.tasks.filter((x) => x.kind === 'section')).toHaveLength(4);
  const outreach = detail.targets.find((x) => x.metricCode === 'outreach_sessions' && !x.parentTargetId)!;
  // 3 lectures by mid-year: about 6 by the year's end, a little more as the target
  expect(outreach.value).toBe(6);
  for (const parent of detail.targets.filter((x) => x.splitTotal !== null)) expect(parent.splitTotal).toBe(parent.value);
  const orgsOf = (parentId: string) => detail.targets.filter((x) => x.parentTargetId === parentId).map((x) => x.orgName);
  expect(orgsOf(outreach.id)).toEqual(['义兴镇妇联', '李阳镇妇联']);
  const yixing = detail.targets.find((x) => x.parentTargetId === outreach.id && x.orgName === '义兴镇妇联')!;
  expect(orgsOf(yixing.id)).toEqual(['东关村妇联', '西关村妇联']);
  expect(detail.targets.filter((x) => x.metricCode === null).map((x) => x.milestoneDoneOn)).toEqual(['2026-06-20', null]);
});
