import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routesReadFromReplica } from '../../http/read-routing.ts';
import { ensureSystemKinds } from '../../modules/activities/activities.test-fixtures.ts';
import { buildTestApp, type Agent, type TestApp } from '../build-test-app.ts';
import { testDbKind } from '../fresh-db.ts';
import { createFixtures, fixturePathValues, fixtureValues } from '../general/entity-fixtures.ts';
import { loadOperations } from '../general/openapi-walker.ts';
import { toRequest, validParts } from '../general/valid-requests.ts';
import { openTestDatabase, startCluster, startReplicaOf, type Cluster } from './own-cluster.ts';

/**
 * Read-only requests on a streaming replica of PostgreSQL 15 (pg_basebackup -R on loopback): they are served
 * there, a browser sees its own writes at once, a lagging or stopped replica hands its reads to the primary.
 */
describe.skipIf(testDbKind() !== 'postgres')('streaming replica', () => {
  let primary: Cluster;
  let replica: Cluster;
  let replicaClient: pg.Client;
  let t: TestApp;
  let staff: Agent;
  let admin: Agent;

  beforeAll(async () => {
    primary = await startCluster();
    replica = await startReplicaOf(primary);
    replicaClient = new pg.Client({ connectionString: replica.url });
    replicaClient.on('error', () => {});
    await replicaClient.connect();
    const database = await openTestDatabase(primary.url, { replicaUrls: [replica.url], maxReplicaLagSeconds: 3600 });
    t = await buildTestApp({ database });
    await ensureSystemKinds(t.db);
    [staff, admin] = await Promise.all([t.login(t.users.townAStaff), t.login(t.users.countyAdmin)]);
    await waitForReplay();
  });

  afterAll(async () => {
    await replicaClient?.end().catch(() => {});
    await t?.close();
    await replica?.stop();
    await primary?.stop();
  });

  async function waitForReplay() {
    for (let i = 0; i < 100; i++) {
      const health = (await t.app.inject({ method: 'GET', url: '/api/health' })).json();
      if (health.replicas[0]?.state === 'up' && health.replicas[0].lagBytes === 0) return health;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the replica did not catch up');
  }

  const inDatabase = (url: string, name: string) => Object.assign(new URL(url), { pathname: `/${name}` }).toString();
  const activity = (title: string) => ({ orgId: t.tree.townA.id, kindCode: 'outreach_lecture', title, date: '2026-03-02', participants: 12 });
  const listTitles = (res: { json: () => { items: { title: string }[] } }) => res.json().items.map((a) => a.title);

  it('shows each replica and its lag in /api/health', async () => {
    const health = await waitForReplay();
    expect(health.replicas).toEqual([expect.objectContaining({ state: 'up', lagSeconds: 0, lagBytes: 0, error: null })]);
    expect(health.replicas[0].name).toBe(`127.0.0.1:${replica.port}/postgres`);
    expect(JSON.stringify(health)).not.toContain(new URL(primary.url).password);
  });

  it('serves dashboards and lists from the replica, and the writer reads its own write from the primary', async () => {
    const list = await admin.get(`/api/activities?orgId=${t.tree.county.id}`);
    expect(list.statusCode).toBe(200);
    expect(list.headers['x-jinguo-read-from']).toBe('replica');
    expect((await admin.get(`/api/dashboard?orgId=${t.tree.county.id}&period=2026`)).headers['x-jinguo-read-from']).toBe('replica');

    await replicaClient.query('select pg_wal_replay_pause()');
    try {
      const created = await staff.post('/api/activities', activity('暂停回放时记下的活动'));
      expect(created.statusCode, created.body).toBe(200);
      const wrote = created.cookies.find((c) => c.name === 'jg_wrote');
      expect(wrote).toBeDefined();

      const ownRead = await staff.request({ method: 'GET', url: `/api/activities?orgId=${t.tree.townA.id}`, cookies: { jg_wrote: wrote!.value } });
      expect(ownRead.headers['x-jinguo-read-from']).toBe('primary');
      expect(listTitles(ownRead)).toContain('暂停回放时记下的活动');

      const othersRead = await admin.get(`/api/activities?orgId=${t.tree.county.id}`);
      expect(othersRead.headers['x-jinguo-read-from']).toBe('replica');
      expect(listTitles(othersRead)).not.toContain('暂停回放时记下的活动');

      const health = (await t.app.inject({ method: 'GET', url: '/api/health' })).json();
      expect(health.replicas[0].lagBytes).toBeGreaterThan(0);
    } finally {
      await replicaClient.query('select pg_wal_replay_resume()');
    }
    await waitForReplay();
    expect(listTitles(await admin.get(`/api/activities?orgId=${t.tree.county.id}`))).toContain('暂停回放时记下的活动');
  });

  it('sends reads to the primary while the replica is further behind than allowed', async () => {
    // a second database of the same cluster (and so of the same replica), whose app allows no lag at all
    await t.db.executeQuery(sql`create database strict_lag`.compile(t.db));
    await waitForReplay();
    const strict = await openTestDatabase(inDatabase(primary.url, 'strict_lag'), {
      replicaUrls: [inDatabase(replica.url, 'strict_lag')],
      maxReplicaLagSeconds: 0,
    });
    const t2 = await buildTestApp({ database: strict });
    try {
      const reader = await t2.login(t2.users.countyAdmin);
      await waitForReplay();
      expect((await reader.get(`/api/activities?orgId=${t2.tree.county.id}`)).headers['x-jinguo-read-from']).toBe('replica');
      await replicaClient.query('select pg_wal_replay_pause()');
      expect((await staff.post('/api/activities', activity('回放暂停后的一条'))).statusCode).toBe(200);
      await new Promise((r) => setTimeout(r, 1_100));
      await strict.observer.checkReplicas();
      const res = await reader.get(`/api/activities?orgId=${t2.tree.county.id}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['x-jinguo-read-from']).toBe('primary');
    } finally {
      await replicaClient.query('select pg_wal_replay_resume()');
      await t2.close();
    }
  });

  it('serves every replica route there without writing (no 5xx from a read-only server)', async () => {
    const operations = await loadOperations(t.app);
    const fixtures = await createFixtures(t, operations);
    await waitForReplay();
    const routes = routesReadFromReplica(t.app).map((r) => r.replace(/:(\w+)/g, '{$1}'));
    expect(routes.length).toBeGreaterThan(8);
    const served: string[] = [];
    for (const op of operations.filter((o) => o.method === 'GET' && routes.includes(o.path))) {
      const parts = validParts(op, { ctx: fixtureValues(fixtures), pathValues: fixturePathValues(op, fixtures) });
      const res = await admin.request(toRequest(op, parts));
      expect(res.statusCode, `${op.path}: ${res.body.slice(0, 300)}`).toBeLessThan(500);
      if (res.statusCode === 200) {
        expect(res.headers['x-jinguo-read-from'], op.path).toBe('replica');
        served.push(op.path);
      }
    }
    expect(served.length).toBeGreaterThan(routes.length / 2);
  });

  it('falls back to the primary when the replica stops, and uses it again when it is back', async () => {
    await replica.pause();
    try {
      for (let i = 0; i < 3; i++) {
        const res = await admin.get(`/api/activities?orgId=${t.tree.county.id}`);
        expect(res.statusCode, res.body).toBe(200);
        expect(res.headers['x-jinguo-read-from']).toBe('primary');
      }
      const health = (await t.app.inject({ method: 'GET', url: '/api/health' })).json();
      expect(health.replicas[0].state).toBe('down');
    } finally {
      await replica.resume();
    }
    await replicaClient.end().catch(() => {});
    replicaClient = new pg.Client({ connectionString: replica.url });
    replicaClient.on('error', () => {});
    await replicaClient.connect();
    await waitForReplay();
    expect((await admin.get(`/api/activities?orgId=${t.tree.county.id}`)).headers['x-jinguo-read-from']).toBe('replica');
  });
});
