import crypto from 'node:crypto';
import fc from 'fast-check';
import { sql, type KyselyPlugin, type PluginTransformQueryArgs, type PluginTransformResultArgs, type RootOperationNode } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { createCipher } from '../../security/personal-data.ts';
import { buildTestApp, type Agent, type TestApp } from '../../test/build-test-app.ts';
import { TEST_PASSWORD, type TestOrg } from '../../test/factories.ts';
import { rebuildAllRollups, rebuildRollupsOf } from './activity-rollups.queries.ts';
import { ensureSystemKinds, readRollups, recomputeRollups, unsafeInsertPerson, type RollupRow } from './activities.test-fixtures.ts';

let t: TestApp;
let countyAdmin: Agent;
let otherAdmin: Agent;
let orgs: TestOrg[];
let persons: string[];
const kinds = ['outreach_lecture', 'training', 'health_screening'];
const dates = ['2025-12-31', '2026-01-01', '2026-01-31', '2026-02-15', '2026-03-10'];

beforeAll(async () => {
  t = await buildTestApp({ now: () => new Date('2026-03-10T02:00:00Z') });
  await ensureSystemKinds(t.db);
  [countyAdmin, otherAdmin] = await Promise.all([t.login('county_admin'), t.login('other_admin')]);
  const { county, townA, townB, villageA1, villageA2, villageB1 } = t.tree;
  orgs = [county, townA, townB, villageA1, villageA2, villageB1];
  persons = [await unsafeInsertPerson(t.db, villageA1, '甲'), await unsafeInsertPerson(t.db, townB, '乙')];
});
afterAll(() => t.close());

/** the rollups as rebuildAllRollups computes them, read inside a transaction that is then rolled back */
async function rebuiltRollups(opts: { provinceCode?: string } = {}): Promise<RollupRow[]> {
  let rows: RollupRow[] = [];
  const rollback = new Error('rollback');
  await t.db
    .transaction()
    .execute(async (trx) => {
      await rebuildAllRollups(trx, opts);
      rows = (await sql<RollupRow>`
        select province_code, org_id::text, month, kind_code, activity_count, participant_sum::int8 as participant_sum
        from activity_rollups order by province_code, org_id, month, kind_code`.execute(trx)).rows;
      throw rollback;
    })
    .catch((err) => {
      if (err !== rollback) throw err;
    });
  return rows;
}

const fields = {
  org: fc.nat({ max: 5 }),
  kind: fc.nat({ max: kinds.length - 1 }),
  date: fc.constantFrom(...dates),
  participants: fc.nat({ max: 60 }),
  named: fc.subarray([0, 1]),
};
const op = fc.oneof(
  fc.record({ type: fc.constant('create' as const), ...fields }),
  fc.record({ type: fc.constant('update' as const), target: fc.nat(), change: fc.record(fields, { requiredKeys: [] }) }),
  fc.record({ type: fc.constant('delete' as const), target: fc.nat() }),
);
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

function bodyOf(f: Partial<{ org: number; kind: number; date: string; participants: number; named: number[] }>) {
  // a person of township B may only join activities of township B's subtree: keep the named ones valid
  const org = f.org === undefined ? undefined : orgs[f.org];
  const named = (f.named ?? []).map((i) => persons[i]).filter((p) => p !== persons[1] || (org && org.path.startsWith(t.tree.townB.path)));
  return {
    ...(org ? { orgId: org.id } : {}),
    ...(f.kind === undefined ? {} : { kindCode: kinds[f.kind] }),
    ...(f.date === undefined ? {} : { date: f.date }),
    ...(f.participants === undefined ? {} : { participants: Math.max(f.participants, named.length) }),
    ...(f.named === undefined || !org ? {} : { participantIds: named }),
  };
}

async function apply(o: Op, live: string[]) {
  if (o.type === 'create') {
    const res = await countyAdmin.post('/api/activities', { title: '随机活动', ...bodyOf(o) });
    expect(res.statusCode, res.body).toBe(200);
    live.push(res.json().id);
    return;
  }
  if (live.length === 0) return;
  const id = live[o.target % live.length];
  if (o.type === 'delete') {
    expect((await countyAdmin.del(`/api/activities/${id}`)).statusCode).toBe(200);
    live.splice(live.indexOf(id), 1);
    return;
  }
  const res = await countyAdmin.patch(`/api/activities/${id}`, bodyOf(o.change));
  // a smaller count than the named participants already there is refused; anything else goes through
  expect([200, 400], res.body).toContain(res.statusCode);
}

describe('activity rollups', () => {
  it('stay equal to a recomputation after any sequence of creates, updates and deletes', async () => {
    const live: string[] = [];
    // an activity of another province, which no rebuild of province 14 may touch
    expect((await otherAdmin.post('/api/activities', { orgId: t.tree.otherCounty.id, kindCode: 'training', title: '内蒙古', date: '2026-01-05', participants: 9 })).statusCode).toBe(200);
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 10 }), async (ops) => {
        for (const o of ops) await apply(o, live);
        const kept = await readRollups(t.db);
        expect(kept).toEqual(await recomputeRollups(t.db));
        expect(await rebuiltRollups()).toEqual(kept);
      }),
      { numRuns: 8, seed: 20260310, endOnFailure: true },
    );
    expect(live.length).toBeGreaterThan(0);
    expect((await readRollups(t.db)).every((r) => r.activity_count > 0)).toBe(true);
  });

  it('rebuild only what they are asked to', async () => {
    const expected = await readRollups(t.db);
    expect(expected.length).toBeGreaterThan(0);
    await sql`update activity_rollups set activity_count = activity_count + 100 where province_code = '15'`.execute(t.db);
    const province15 = (await readRollups(t.db)).filter((r) => r.province_code === '15');
    await sql`delete from activity_rollups where province_code = '14'`.execute(t.db);
    await rebuildAllRollups(t.db, { provinceCode: '14' });
    const after = await readRollups(t.db);
    expect(after.filter((r) => r.province_code === '14')).toEqual(expected.filter((r) => r.province_code === '14'));
    expect(after.filter((r) => r.province_code === '15')).toEqual(province15);

    await rebuildAllRollups(t.db);
    expect(await readRollups(t.db)).toEqual(expected);

    await sql`update activity_rollups set participant_sum = 0 where org_id = ${t.tree.townA.id}`.execute(t.db);
    await sql`delete from activity_rollups where org_id = ${t.tree.county.id}`.execute(t.db);
    await t.db.transaction().execute((trx) => rebuildRollupsOf(trx, '14', [t.tree.townA.id, t.tree.county.id, t.tree.villageA1.id]));
    expect(await readRollups(t.db)).toEqual(expected);
  });
});

/** the statements an app sends, in order: raw SQL as its text, built queries by kind and table */
class StatementRecorder implements KyselyPlugin {
  statements: string[] = [];
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const node = args.node as RootOperationNode & { sqlFragments?: readonly string[]; into?: { table: { identifier: { name: string } } } };
    this.statements.push(node.sqlFragments ? node.sqlFragments.join('?') : `${node.kind} ${node.into?.table.identifier.name ?? ''}`);
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs) {
    return args.result;
  }
}

describe('writers and moves of the tree', () => {
  // PGlite has one connection, so the race itself cannot happen here: the test checks that every writer takes
  // the province's tree lock in shared mode before reading the org path its rollup deltas depend on
  it('hold the province tree lock in shared mode before anything else', async () => {
    const recorder = new StatementRecorder();
    const app = await buildApp({ db: t.db.withPlugin(recorder), dbKind: 'pglite', cipher: createCipher(crypto.randomBytes(32)), filesDir: t.database.dataDir, logLevel: 'silent', now: () => new Date('2026-03-10T02:00:00Z') });
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'towna_staff', password: TEST_PASSWORD } });
    const cookies = { jg_sid: login.cookies.find((c) => c.name === 'jg_sid')!.value };
    const csrf = (await app.inject({ method: 'GET', url: '/api/auth/me', cookies })).json().csrfToken as string;
    const send = async (method: 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) => {
      recorder.statements = [];
      const res = await app.inject({ method, url, cookies, headers: { 'x-csrf-token': csrf }, payload });
      expect(res.statusCode, res.body).toBe(200);
      const lock = recorder.statements.findIndex((q) => q.includes('pg_advisory_xact_lock_shared'));
      const firstWrite = recorder.statements.findIndex((q) => /^(Insert|Update|Delete)QueryNode (activities|activity_rollups|audit_log)/.test(q));
      expect(lock).toBeGreaterThanOrEqual(0);
      expect(lock).toBeLessThan(firstWrite);
      return res.json();
    };
    const created = await send('POST', '/api/activities', { orgId: t.tree.villageA1.id, kindCode: 'training', title: '锁', date: '2026-03-02', participants: 3 });
    await send('PATCH', `/api/activities/${created.id}`, { participants: 4 });
    await send('DELETE', `/api/activities/${created.id}`);
    await app.close();
  });
});
