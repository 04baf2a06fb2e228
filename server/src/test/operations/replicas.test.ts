import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childPids } from '../../../../e2e/helpers/server.ts';
import { routesReadFromReplica } from '../../http/read-routing.ts';
import { ensureSystemKinds } from '../../modules/activities/activities.test-fixtures.ts';
import { buildTestApp, type Agent, type TestApp } from '../build-test-app.ts';
import { testDbKind, withDatabase } from '../fresh-db.ts';
import { createFixtures, fixturePathValues, fixtureValues } from '../general/entity-fixtures.ts';
import { loadOperations } from '../general/openapi-walker.ts';
import { toRequest, validParts } from '../general/valid-requests.ts';
import { openTestDatabase, startCluster, startReplicaOf, type Cluster } from './own-cluster.ts';

type Health = { replicas: { name: string; state: string; lagSeconds: number | null; lagBytes: number | null; error: string | null }[]; pools: unknown[] };
type ListBody = { items: { title: string }[]; total: number };

/**
 * Read-only requests on two streaming replicas of PostgreSQL 15 (pg_basebackup -R on loopback): they are served
 * there; a browser reads its own writes whatever the lag; one request reads one replica; a lagging, frozen or
 * stopped replica hands its reads to the primary.
 */
describe.skipIf(testDbKind() !== 'postgres')('streaming replicas', () => {
  let primary: Cluster;
  const replicas: Cluster[] = [];
  const clients: pg.Client[] = [];
  let t: TestApp;
  let staff: Agent;
  let admin: Agent;

  async function connect(url: string) {
    const c = new pg.Client({ connectionString: url });
    c.on('error', () => {});
    await c.connect();
    return c;
  }

  beforeAll(async () => {
    primary = await startCluster();
    replicas.push(await startReplicaOf(primary), await startReplicaOf(primary));
    for (const r of replicas) clients.push(await connect(r.url));
    const database = await openTestDatabase(primary.url, {
      replicaUrls: replicas.map((r) => r.url),
      maxReplicaLagSeconds: 3600,
      replicaCheckIntervalMs: 100,
      replicaQueryTimeoutMs: 1_500,
    });
    t = await buildTestApp({ database });
    await ensureSystemKinds(t.db);
    [staff, admin] = await Promise.all([t.login(t.users.townAStaff), t.login(t.users.countyAdmin)]);
    await waitForReplay();
  });

  afterAll(async () => {
    for (const c of clients) await c.end().catch(() => {});
    await t?.close();
    for (const r of replicas) await r.stop();
    await primary?.stop();
  });

  const health = async (agent?: Agent): Promise<Health> => (await (agent ? agent.get('/api/health') : t.app.inject({ url: '/api/health' }))).json();

  async function waitForReplay(): Promise<Health> {
    for (let i = 0; i < 200; i++) {
      const h = await health();
      if (h.replicas.every((r) => r.state === 'up' && r.lagBytes === 0)) return h;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('the replicas did not catch up');
  }

  async function withReplayPaused<T>(which: number[], fn: () => Promise<T>): Promise<T> {
    for (const i of which) await clients[i].query('select pg_wal_replay_pause()');
    try {
      return await fn();
    } finally {
      for (const i of which) await clients[i].query('select pg_wal_replay_resume()');
    }
  }

  const countyList = () => admin.get(`/api/activities?orgId=${t.tree.county.id}&pageSize=100`);
  const activity = (title: string) => ({ orgId: t.tree.townA.id, kindCode: 'outreach_lecture', title, date: '2026-03-02', participants: 12 });
  const titles = (res: { json: () => ListBody }) => res.json().items.map((a) => a.title);

  it('shows each replica and its lag in /api/health, and their addresses and pools only to an admin', async () => {
    const open = await waitForReplay();
    expect(open.replicas).toEqual([
      { name: '副本1', state: 'up', lagSeconds: 0, lagBytes: 0, checkedAt: expect.any(String), error: null },
      { name: '副本2', state: 'up', lagSeconds: 0, lagBytes: 0, checkedAt: expect.any(String), error: null },
    ]);
    expect(open.pools).toEqual([]);
    const detailed = await health(admin);
    expect(detailed.replicas.map((r) => r.name)).toEqual(replicas.map((r) => `127.0.0.1:${r.port}/postgres`));
    expect(detailed.pools).toHaveLength(3);
    expect(JSON.stringify(detailed)).not.toContain(new URL(primary.url).password);
  });

  it('serves dashboards and lists from a replica, and a writer reads its own write however far behind the replicas are', async () => {
    const list = await countyList();
    expect(list.statusCode).toBe(200);
    expect(list.headers['x-jinguo-read-from']).toBe('replica');
    expect((await admin.get(`/api/dashboard?orgId=${t.tree.county.id}&period=2026`)).headers['x-jinguo-read-from']).toBe('replica');

    await withReplayPaused([0, 1], async () => {
      const created = await staff.post('/api/activities', activity('暂停回放时记下的活动'));
      expect(created.statusCode, created.body).toBe(200);
      const wrote = created.cookies.find((c) => c.name === 'jg_wrote');
      expect(wrote?.value).toMatch(/^[0-9A-F]+\/[0-9A-F]+$/);
      // longer than any fixed window: the writer's reads wait for a replica that has replayed the write
      await new Promise((r) => setTimeout(r, 5_500));
      const ownRead = await staff.request({ method: 'GET', url: `/api/activities?orgId=${t.tree.townA.id}`, cookies: { jg_wrote: wrote!.value } });
      expect(ownRead.headers['x-jinguo-read-from']).toBe('primary');
      expect(titles(ownRead)).toContain('暂停回放时记下的活动');
      const tampered = await staff.request({ method: 'GET', url: `/api/activities?orgId=${t.tree.townA.id}`, cookies: { jg_wrote: 'x' } });
      expect(tampered.headers['x-jinguo-read-from']).toBe('primary');

      const othersRead = await countyList();
      expect(othersRead.headers['x-jinguo-read-from']).toBe('replica');
      expect(titles(othersRead)).not.toContain('暂停回放时记下的活动');
      expect((await health()).replicas.every((r) => (r.lagBytes ?? 0) > 0)).toBe(true);
    });
    await waitForReplay();
    expect(titles(await countyList())).toContain('暂停回放时记下的活动');
    const created = await staff.post('/api/activities', activity('回放恢复后记下的活动'));
    expect(created.statusCode, created.body).toBe(200);
    const wrote = created.cookies.find((c) => c.name === 'jg_wrote')!.value;
    // once a replica has replayed the write (checked every 100 ms here), the writer's reads go back to it
    let caughtUp = await staff.request({ method: 'GET', url: `/api/activities?orgId=${t.tree.townA.id}`, cookies: { jg_wrote: wrote } });
    for (let i = 0; i < 50 && caughtUp.headers['x-jinguo-read-from'] !== 'replica'; i++) {
      expect(titles(caughtUp)).toContain('回放恢复后记下的活动');
      await new Promise((r) => setTimeout(r, 100));
      caughtUp = await staff.request({ method: 'GET', url: `/api/activities?orgId=${t.tree.townA.id}`, cookies: { jg_wrote: wrote } });
    }
    expect(caughtUp.headers['x-jinguo-read-from']).toBe('replica');
    expect(titles(caughtUp)).toContain('回放恢复后记下的活动');
  });

  it('reads every query of one request from the same replica', async () => {
    await withReplayPaused([1], async () => {
      expect((await staff.post('/api/activities', activity('只在一个副本上的活动'))).statusCode).toBe(200);
      await new Promise((r) => setTimeout(r, 300));
      const seen = new Set<boolean>();
      for (let i = 0; i < 12; i++) {
        const res = await countyList();
        expect(res.headers['x-jinguo-read-from']).toBe('replica');
        const body = res.json() as ListBody;
        // the page and its total come from two queries: from one replica they agree
        expect(body.items.length, `request ${i}`).toBe(body.total);
        seen.add(body.items.some((a) => a.title === '只在一个副本上的活动'));
      }
      // both replicas served (one has the record, one not yet)
      expect([...seen].sort()).toEqual([false, true]);
    });
    await waitForReplay();
  });

  it('sends reads to the primary while a replica is further behind than allowed', async () => {
    // a second database of the same cluster (and so of the same replicas), whose app allows no lag at all
    await t.db.executeQuery(sql`create database strict_lag`.compile(t.db));
    await waitForReplay();
    const strict = await openTestDatabase(withDatabase(primary.url, 'strict_lag'), {
      replicaUrls: replicas.map((r) => withDatabase(r.url, 'strict_lag')),
      maxReplicaLagSeconds: 0,
      replicaCheckIntervalMs: 100,
    });
    const t2 = await buildTestApp({ database: strict });
    try {
      const reader = await t2.login(t2.users.countyAdmin);
      // caught up (no lag at all): the replica serves
      let first = await reader.get(`/api/activities?orgId=${t2.tree.county.id}`);
      for (let i = 0; i < 50 && first.headers['x-jinguo-read-from'] !== 'replica'; i++) {
        await new Promise((r) => setTimeout(r, 100));
        first = await reader.get(`/api/activities?orgId=${t2.tree.county.id}`);
      }
      expect(first.headers['x-jinguo-read-from']).toBe('replica');
      await withReplayPaused([0, 1], async () => {
        expect((await staff.post('/api/activities', activity('回放暂停后的一条'))).statusCode).toBe(200);
        await new Promise((r) => setTimeout(r, 1_100));
        const res = await reader.get(`/api/activities?orgId=${t2.tree.county.id}`);
        expect(res.statusCode).toBe(200);
        expect(res.headers['x-jinguo-read-from']).toBe('primary');
      });
    } finally {
      await t2.close();
    }
    await waitForReplay();
  });

  it('serves every replica route there without writing (no 5xx from a read-only server)', async () => {
    const operations = await loadOperations(t.app);
    const fixtures = await createFixtures(t, operations);
    await waitForReplay();
    const routes = routesReadFromReplica(t.app).map((r) => r.replace(/:(\w+)/g, '{$1}'));
    const ops = operations.filter((o) => o.method === 'GET' && routes.includes(o.path));
    expect(ops.map((o) => o.path).sort()).toEqual([...routes].sort());
    for (const op of ops) {
      const parts = validParts(op, { ctx: fixtureValues(fixtures), pathValues: fixturePathValues(op, fixtures) });
      const res = await admin.request(toRequest(op, parts));
      expect(res.statusCode, `${op.path}: ${res.body.slice(0, 300)}`).toBe(200);
      expect(res.headers['x-jinguo-read-from'], op.path).toBe('replica');
    }
  });

  /** every process of a replica's server: its postmaster and the backends it forked */
  function serverPids(cluster: Cluster): number[] {
    const postmaster = Number(fs.readFileSync(path.join(cluster.dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
    return [postmaster, ...childPids(postmaster)];
  }

  it('answers from the primary when the replicas freeze (a partition, a hung machine), and from them when they thaw', async () => {
    const pids = replicas.flatMap(serverPids);
    for (const pid of pids) process.kill(pid, 'SIGSTOP');
    try {
      const started = Date.now();
      const res = await countyList();
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['x-jinguo-read-from']).toBe('primary');
      expect(Date.now() - started).toBeLessThan(10_000);
      const again = await countyList();
      expect(again.headers['x-jinguo-read-from']).toBe('primary');
    } finally {
      for (const pid of pids) process.kill(pid, 'SIGCONT');
    }
    await waitForReplay();
    expect((await countyList()).headers['x-jinguo-read-from']).toBe('replica');
  });

  it('falls back to the primary when the replicas stop, and uses them again when they are back', async () => {
    for (const r of replicas) await r.pause();
    try {
      for (let i = 0; i < 3; i++) {
        const res = await countyList();
        expect(res.statusCode, res.body).toBe(200);
        expect(res.headers['x-jinguo-read-from']).toBe('primary');
      }
      expect((await health()).replicas.map((r) => r.state)).toEqual(['down', 'down']);
    } finally {
      for (const r of replicas) await r.resume();
    }
    for (const [i, r] of replicas.entries()) {
      await clients[i].end().catch(() => {});
      clients[i] = await connect(r.url);
    }
    await waitForReplay();
    expect((await countyList()).headers['x-jinguo-read-from']).toBe('replica');
  });
});
