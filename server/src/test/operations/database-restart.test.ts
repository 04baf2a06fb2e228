import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureSystemKinds } from '../../modules/activities/activities.test-fixtures.ts';
import { buildTestApp, type Agent, type TestApp } from '../build-test-app.ts';
import { testDbKind } from '../fresh-db.ts';
import { openTestDatabase, startCluster, type Cluster } from './own-cluster.ts';

type Outcome = { status: number; body: string; write: boolean };

/**
 * PostgreSQL restarted while users work: what fails, fails with a clear 503 in Chinese (no stack, no 500), and
 * the app recovers by itself once the server is back — no restart of the app.
 */
describe.skipIf(testDbKind() !== 'postgres')('PostgreSQL restart under load', () => {
  let cluster: Cluster;
  let t: TestApp;
  let staff: Agent;

  beforeAll(async () => {
    cluster = await startCluster();
    t = await buildTestApp({ database: await openTestDatabase(cluster.url, { max: 8 }) });
    await ensureSystemKinds(t.db);
    staff = await t.login(t.users.townAStaff);
  });
  afterAll(async () => {
    await t?.close();
    await cluster?.stop();
  });

  /** a user's mix: the dashboard, a list, a new record */
  async function oneRound(i: number): Promise<Outcome[]> {
    const calls = [
      staff.get(`/api/dashboard?orgId=${t.tree.townA.id}&period=2026`),
      staff.get(`/api/activities?orgId=${t.tree.townA.id}`),
      staff.post('/api/activities', { orgId: t.tree.townA.id, kindCode: 'outreach_lecture', title: `重启期间的活动${i}`, date: '2026-03-02', participants: 5 }),
    ];
    return (await Promise.all(calls)).map((r, k) => ({ status: r.statusCode, body: r.body, write: k === 2 }));
  }

  it('answers 503 while the server is down and recovers when it is back', async () => {
    const outcomes: Outcome[] = [];
    let stop = false;
    const workers = Array.from({ length: 6 }, async (_, w) => {
      for (let i = 0; !stop; i++) outcomes.push(...(await oneRound(w * 10_000 + i)));
    });
    await new Promise((r) => setTimeout(r, 300));
    await cluster.pause();
    const down = await oneRound(-1);
    await new Promise((r) => setTimeout(r, 500));
    await cluster.resume();
    await new Promise((r) => setTimeout(r, 300));
    stop = true;
    await Promise.all(workers);

    expect(down.map((o) => o.status)).toEqual([503, 503, 503]);
    const failed = [...down, ...outcomes].filter((o) => o.status !== 200);
    expect(failed.length).toBeGreaterThan(0);
    for (const f of failed) {
      expect(f.status, f.body).toBe(503);
      expect(JSON.parse(f.body)).toEqual({ code: 'SERVICE_UNAVAILABLE', message: '服务暂时不可用，请稍后再试' });
    }

    // recovered without restarting the app: every kind of request works again, with no lost or doubled record
    let after: Outcome[] = [];
    for (let attempt = 0; attempt < 20; attempt++) {
      after = await oneRound(999_999);
      if (after.every((o) => o.status === 200)) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(after.map((o) => o.status)).toEqual([200, 200, 200]);
    const created = outcomes.filter((o) => o.write && o.status === 200).length;
    const stored = await t.db.selectFrom('activities').select((eb) => eb.fn.countAll<number>().as('n')).where('title', 'like', '重启期间的活动%').executeTakeFirstOrThrow();
    // every 200 is a stored record; a request cut off by the stop may have committed without its answer
    expect(stored.n).toBeGreaterThanOrEqual(created + 1);
    expect(stored.n).toBeLessThanOrEqual(outcomes.filter((o) => o.write).length + 1);
  });
});
