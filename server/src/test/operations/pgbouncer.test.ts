import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startThrowawayPgbouncer } from '../../../../scripts/pg-throwaway.mjs';
import { ensureSystemKinds, readRollups, recomputeRollups } from '../../modules/activities/activities.test-fixtures.ts';
import { buildTestApp, type Agent, type TestApp } from '../build-test-app.ts';
import { testDbKind } from '../fresh-db.ts';
import { openTestDatabase, startCluster, type Cluster } from './own-cluster.ts';

/**
 * The app behind pgbouncer in transaction mode (4 server connections shared by an app pool of 20): migrations,
 * sessions, concurrent writes with their advisory locks and roll-ups, all through the bouncer.
 */
describe.skipIf(testDbKind() !== 'postgres')('behind pgbouncer (transaction pooling)', () => {
  let cluster: Cluster;
  let bouncer: { url: string; stop: () => Promise<void> };
  let t: TestApp;
  let staff: Agent;
  let admin: Agent;

  beforeAll(async () => {
    cluster = await startCluster();
    bouncer = await startThrowawayPgbouncer(cluster, { poolSize: 4 });
    t = await buildTestApp({ database: await openTestDatabase(bouncer.url, { max: 20 }) });
    await ensureSystemKinds(t.db);
    [staff, admin] = await Promise.all([t.login(t.users.townAStaff), t.login(t.users.countyAdmin)]);
  });
  afterAll(async () => {
    await t?.close();
    await bouncer?.stop();
    await cluster?.stop();
  });

  it('runs concurrent records, lists and dashboards with consistent roll-ups', async () => {
    const orgs = [t.tree.townA.id, t.tree.villageA1.id, t.tree.villageA2.id];
    const writes = Array.from({ length: 60 }, (_, i) =>
      staff.post('/api/activities', {
        orgId: orgs[i % 3],
        kindCode: i % 2 ? 'outreach_lecture' : 'study_session',
        title: `并发记录${i}`,
        date: `2026-0${1 + (i % 6)}-1${i % 10}`,
        participants: 1 + i,
      }),
    );
    const reads = Array.from({ length: 30 }, (_, i) =>
      i % 2 ? admin.get(`/api/dashboard?orgId=${t.tree.county.id}&period=2026`) : admin.get(`/api/activities?orgId=${t.tree.county.id}`),
    );
    // what reaches PostgreSQL: never more server connections than pgbouncer's pool, for 90 requests at once
    const direct = new pg.Client({ connectionString: cluster.url });
    await direct.connect();
    let most = 0;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const { rows } = await direct.query(`select count(*)::int as n from pg_stat_activity where backend_type = 'client backend' and pid <> pg_backend_pid()`);
        most = Math.max(most, rows[0].n);
        await new Promise((r) => setTimeout(r, 10));
      }
    })();
    const results = await Promise.all([...writes, ...reads]);
    sampling = false;
    await sampler;
    await direct.end();
    expect(results.filter((r) => r.statusCode !== 200).map((r) => r.body)).toEqual([]);
    expect(most).toBeGreaterThan(0);
    expect(most).toBeLessThanOrEqual(4);
    expect(await readRollups(t.db)).toEqual(await recomputeRollups(t.db));
    const dashboard = (await admin.get(`/api/dashboard?orgId=${t.tree.county.id}&period=2026`)).json();
    const sessions = dashboard.cards.find((c: { code: string }) => c.code === 'outreach_sessions');
    expect(sessions.value).toBe(30);
  });

  it('keeps the advisory locks of one transaction: the same ID number is taken once among concurrent creates', async () => {
    const idNumber = '110101199003078515';
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => staff.post('/api/persons', { orgId: t.tree.townA.id, name: `并发人员${i}`, idNumber })),
    );
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(1);
    for (const r of results.filter((x) => x.statusCode !== 200)) expect(r.statusCode, r.body).toBe(409);
  });

  it('moves an org while records are written into its subtree, under the province tree lock', async () => {
    const moved = (await admin.post('/api/orgs', { parentId: t.tree.townA.id, name: '流动妇女小组', kind: 'women_group' })).json();
    const results = await Promise.all([
      ...Array.from({ length: 10 }, (_, i) =>
        staff.post('/api/activities', { orgId: moved.id, kindCode: 'study_session', title: `小组学习${i}`, date: '2026-04-02', participants: 3 }),
      ),
      admin.post(`/api/orgs/${moved.id}/move`, { newParentId: t.tree.townB.id }),
    ]);
    const statuses = results.map((r) => r.statusCode);
    expect(statuses.filter((s) => s !== 200 && s !== 404), results.map((r) => r.body).join('\n')).toEqual([]);
    expect(await readRollups(t.db)).toEqual(await recomputeRollups(t.db));
  });
});
