import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Agent, type TestApp } from '../../test/build-test-app.ts';
import { changedTables, tableChecksums } from '../../test/db-checksum.ts';
import { activityPageQuery } from './activities.queries.ts';
import { ensureSystemKinds, readRollups, recomputeRollups, unsafeInsertMetric, unsafeInsertPerson } from './activities.test-fixtures.ts';

// 2026-03-09 17:30 UTC is already 2026-03-10 in Asia/Shanghai
const clock = new Date('2026-03-09T17:30:00Z');
let t: TestApp;
let staff: Agent;
let exec: Agent;
let countyAdmin: Agent;
let townBAdmin: Agent;
let otherAdmin: Agent;
let alice: string;
let bella: string;
let outsider: string;

beforeAll(async () => {
  t = await buildTestApp({ now: () => clock });
  await ensureSystemKinds(t.db);
  alice = await unsafeInsertPerson(t.db, t.tree.villageA1, '王秀兰');
  bella = await unsafeInsertPerson(t.db, t.tree.townA, '李桂英');
  outsider = await unsafeInsertPerson(t.db, t.tree.villageB1, '赵春梅');
  [staff, exec, countyAdmin, townBAdmin, otherAdmin] = await Promise.all(
    ['towna_staff', 'villagea1_exec', 'county_admin', 'townb_admin', 'other_admin'].map((u) => t.login(u)),
  );
});
afterAll(() => t.close());

const base = (orgId: string, over: Record<string, unknown> = {}) => ({
  orgId,
  kindCode: 'outreach_lecture',
  title: '巾帼大宣讲进村',
  date: '2026-03-02',
  place: '村委会',
  participants: 30,
  ...over,
});

async function create(agent: Agent, body: Record<string, unknown>) {
  const res = await agent.post('/api/activities', body);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

describe('recording an activity', () => {
  it('creates, reads, updates and deletes with audit, participants and rollups in step', async () => {
    const created = await create(staff, base(t.tree.villageA1.id, { participantIds: [alice, bella, alice], notes: '  ' }));
    expect(created).toMatchObject({
      orgId: t.tree.villageA1.id,
      orgName: '东关村妇联',
      kindCode: 'outreach_lecture',
      kindName: '巾帼大宣讲',
      participantUnit: '人次',
      date: '2026-03-02',
      place: '村委会',
      notes: null,
      participants: 30,
      attachments: [],
    });
    expect([...created.participantIds].sort()).toEqual([alice, bella].sort());
    expect((await staff.get(`/api/activities/${created.id}`)).json()).toEqual(created);

    const rollups = await readRollups(t.db);
    expect(rollups.map((r) => r.org_id).sort()).toEqual([t.tree.province.id, t.tree.city.id, t.tree.county.id, t.tree.townA.id].sort());
    expect(rollups.every((r) => r.activity_count === 1 && r.participant_sum === 30 && r.month === '2026-03-01')).toBe(true);

    const moved = await countyAdmin.patch(`/api/activities/${created.id}`, {
      orgId: t.tree.villageB1.id,
      kindCode: 'training',
      date: '2026-02-27',
      participants: 12,
      participantIds: [outsider],
      expectedUpdatedAt: created.updatedAt,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ orgName: '李阳村妇联', kindName: '培训', participants: 12, participantIds: [outsider], place: '村委会' });
    expect(await readRollups(t.db)).toEqual(await recomputeRollups(t.db));
    expect((await readRollups(t.db)).some((r) => r.org_id === t.tree.townA.id)).toBe(false);

    expect((await countyAdmin.del(`/api/activities/${created.id}`)).statusCode).toBe(200);
    expect((await countyAdmin.get(`/api/activities/${created.id}`)).statusCode).toBe(404);
    expect(await readRollups(t.db)).toEqual([]);
    const participants = await t.db.selectFrom('activity_participants').selectAll().where('activity_id', '=', created.id).execute();
    expect(participants).toEqual([]);

    const audit = await t.db.selectFrom('audit_log').select(['action', 'before', 'after', 'username']).where('entity', '=', 'activity').where('entity_id', '=', created.id).orderBy('at').execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'delete']);
    expect(audit[1].before).toMatchObject({ orgId: t.tree.villageA1.id, participants: 30 });
    expect(audit[1].after).toMatchObject({ orgId: t.tree.villageB1.id, participants: 12, participantIds: [outsider] });
    expect(audit[2].username).toBe('county_admin');
  });

  it('takes today in Asia/Shanghai, not the host zone', async () => {
    const res = await staff.post('/api/activities', base(t.tree.townA.id, { date: '2026-03-10' }));
    expect(res.statusCode, res.body).toBe(200);
    await staff.del(`/api/activities/${res.json().id}`);
  });

  it('refuses a stale edit with 409', async () => {
    const a = await create(staff, base(t.tree.townA.id));
    const first = await staff.patch(`/api/activities/${a.id}`, { title: '第一次修改', expectedUpdatedAt: a.updatedAt });
    expect(first.statusCode).toBe(200);
    expect(first.json().updatedAt > a.updatedAt).toBe(true);
    const stale = await staff.patch(`/api/activities/${a.id}`, { title: '过期的修改', expectedUpdatedAt: a.updatedAt });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('已被修改') });
    expect((await staff.get(`/api/activities/${a.id}`)).json().title).toBe('第一次修改');
    await staff.del(`/api/activities/${a.id}`);
  });
});

describe('bad input', () => {
  async function expect400(agent: Agent, method: 'post' | 'patch', url: string, body: unknown, field: string, text: string) {
    const before = await tableChecksums(t.db);
    const res = await agent[method](url, body);
    expect(res.statusCode, res.body).toBe(400);
    const json = res.json();
    expect(json.code).toBe('VALIDATION_FAILED');
    expect(json.message).toContain(text);
    expect(json.fields.map((f: { path: string }) => f.path)).toContain(field);
    expect(changedTables(before, await tableChecksums(t.db))).toEqual([]);
  }

  it('names the field in Chinese and changes nothing', async () => {
    const org = t.tree.villageA1.id;
    await expect400(staff, 'post', '/api/activities', { ...base(org), colour: 'red' }, 'body.colour', '不允许的字段：colour');
    await expect400(staff, 'post', '/api/activities', base(org, { date: '2026-03-11' }), 'body.date', '不能晚于今天');
    await expect400(staff, 'post', '/api/activities', base(org, { date: '1999-12-31' }), 'body.date', '不能早于 2000 年');
    await expect400(staff, 'post', '/api/activities', base(org, { date: '2026-02-30' }), 'body.date', '日期');
    await expect400(staff, 'post', '/api/activities', base(org, { participants: -1 }), 'body.participants', '参加人数不能为负数');
    await expect400(staff, 'post', '/api/activities', base(org, { participants: 1.5 }), 'body.participants', '参加人数应为整数');
    await expect400(staff, 'post', '/api/activities', base(org, { title: '长'.repeat(10_000) }), 'body.title', '活动名称不能超过 100 个字');
    await expect400(staff, 'post', '/api/activities', base(org, { title: '   ' }), 'body.title', '活动名称不能为空');
    await expect400(staff, 'post', '/api/activities', base(org, { kindCode: 'no_such_kind' }), 'body.kindCode', '不存在');
    await expect400(staff, 'post', '/api/activities', base(org, { participantIds: [outsider] }), 'body.participantIds.0', '不在管辖范围内');
    await expect400(staff, 'post', '/api/activities', base(org, { participants: 1, participantIds: [alice, bella] }), 'body.participants', '不能少于');
    await expect400(staff, 'post', '/api/activities', base(org, { orgId: 'not-a-uuid' }), 'body.orgId', '编号格式不正确');
  });

  it('refuses bad edits and list filters with the field named', async () => {
    const a = await create(staff, base(t.tree.villageA1.id, { participantIds: [alice] }));
    await expect400(staff, 'patch', `/api/activities/${a.id}`, { date: '2027-01-01' }, 'body.date', '不能晚于今天');
    await expect400(staff, 'patch', `/api/activities/${a.id}`, { participants: 0 }, 'body.participants', '不能少于');
    await expect400(staff, 'patch', `/api/activities/${a.id}`, { expectedUpdatedAt: 'yesterday' }, 'body.expectedUpdatedAt', '格式不正确');
    await expect400(staff, 'patch', `/api/activities/${a.id}`, { createdBy: 'me' }, 'body.createdBy', '不允许的字段：createdBy');
    const both = await staff.get('/api/activities?period=2026&from=2026-01-01');
    expect(both.statusCode).toBe(400);
    expect(both.json().fields[0].path).toBe('query.period');
    const badPeriod = await staff.get('/api/activities?period=2026Q5');
    expect(badPeriod.statusCode).toBe(400);
    expect(badPeriod.json().message).toContain('期间格式');
    await staff.del(`/api/activities/${a.id}`);
  });

  it('refuses an org that is closed or outside the subtree', async () => {
    expect((await staff.post('/api/activities', base(t.tree.townB.id))).statusCode).toBe(404);
    await t.db.updateTable('orgs').set({ status: 'closed' }).where('id', '=', t.tree.villageA2.id).execute();
    const closed = await staff.post('/api/activities', base(t.tree.villageA2.id));
    expect(closed.statusCode).toBe(409);
    expect(closed.json().code).toBe('ORG_CLOSED');
    await t.db.updateTable('orgs').set({ status: 'active' }).where('id', '=', t.tree.villageA2.id).execute();
  });
});

describe('roles and scope', () => {
  it('lets an executive record in its own subtree and change only what it recorded', async () => {
    const mine = await create(exec, base(t.tree.villageA1.id, { title: '执委自己录入' }));
    expect(mine.createdBy).not.toBeNull();
    expect((await exec.post('/api/activities', base(t.tree.villageA2.id))).statusCode).toBe(404);
    const staffs = await create(staff, base(t.tree.villageA1.id, { title: '镇里录入' }));
    expect((await exec.get(`/api/activities/${staffs.id}`)).statusCode).toBe(200);
    const edit = await exec.patch(`/api/activities/${staffs.id}`, { title: '改别人的' });
    expect(edit.statusCode).toBe(403);
    expect(edit.json().message).toContain('执委只能修改或删除自己录入的活动');
    expect((await exec.del(`/api/activities/${staffs.id}`)).statusCode).toBe(403);
    expect((await exec.patch(`/api/activities/${mine.id}`, { title: '改自己的' })).statusCode).toBe(200);
    expect((await staff.patch(`/api/activities/${mine.id}`, { participants: 31 })).statusCode).toBe(200);
    expect((await exec.del(`/api/activities/${mine.id}`)).statusCode).toBe(200);
    await staff.del(`/api/activities/${staffs.id}`);
  });

  it('hides another subtree: 404 on read and write, absent from lists', async () => {
    const a = await create(staff, base(t.tree.villageA1.id, { title: '义兴镇的活动' }));
    for (const res of [
      await townBAdmin.get(`/api/activities/${a.id}`),
      await townBAdmin.patch(`/api/activities/${a.id}`, { title: '越权' }),
      await townBAdmin.del(`/api/activities/${a.id}`),
      await otherAdmin.get(`/api/activities/${a.id}`),
      await townBAdmin.get(`/api/activities?orgId=${t.tree.townA.id}`),
    ]) {
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('OUT_OF_SCOPE');
    }
    expect((await townBAdmin.get('/api/activities')).json()).toEqual({ items: [], total: 0 });
    expect((await otherAdmin.get('/api/activities')).json()).toEqual({ items: [], total: 0 });
    expect((await countyAdmin.get('/api/activities')).json().items.map((i: { id: string }) => i.id)).toContain(a.id);
    await staff.del(`/api/activities/${a.id}`);
  });
});

describe('listing', () => {
  let ids: Record<string, string>;
  beforeAll(async () => {
    await sql`delete from activities`.execute(t.db);
    await sql`delete from activity_rollups`.execute(t.db);
    const rec = async (key: string, orgId: string, over: Record<string, unknown>) => [key, (await create(countyAdmin, base(orgId, over))).id] as const;
    ids = Object.fromEntries([
      await rec('a1Jan', t.tree.villageA1.id, { date: '2026-01-15', title: '一月宣讲 100%' }),
      await rec('a1Feb', t.tree.villageA1.id, { date: '2026-02-01', kindCode: 'training', title: '二月培训' }),
      await rec('townAMar', t.tree.townA.id, { date: '2026-03-01', kindCode: 'exec_training', title: '执委培训' }),
      await rec('b1Mar', t.tree.villageB1.id, { date: '2026-03-05', title: '李阳宣讲' }),
      await rec('county2025', t.tree.county.id, { date: '2025-12-31', kindCode: 'other', title: '县里年终' }),
    ]);
  });
  const list = async (agent: Agent, query: string) => {
    const res = await agent.get(`/api/activities?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { items: { id: string; orgName: string; kindName: string }[]; total: number };
  };
  const keysOf = (r: { items: { id: string }[] }) => r.items.map((i) => Object.entries(ids).find(([, v]) => v === i.id)![0]);

  it('lists the subtree newest first with org and kind names', async () => {
    const all = await list(countyAdmin, '');
    expect(keysOf(all)).toEqual(['b1Mar', 'townAMar', 'a1Feb', 'a1Jan', 'county2025']);
    expect(all.items[0]).toMatchObject({ orgName: '李阳村妇联', kindName: '巾帼大宣讲' });
    expect(keysOf(await list(countyAdmin, `orgId=${t.tree.townA.id}`))).toEqual(['townAMar', 'a1Feb', 'a1Jan']);
    expect(keysOf(await list(staff, ''))).toEqual(['townAMar', 'a1Feb', 'a1Jan']);
    expect(keysOf(await list(exec, ''))).toEqual(['a1Feb', 'a1Jan']);
  });

  it('filters by kind, period, days (both ends included), title and pages', async () => {
    expect(keysOf(await list(countyAdmin, 'kindCode=outreach_lecture'))).toEqual(['b1Mar', 'a1Jan']);
    expect(keysOf(await list(countyAdmin, 'period=2026Q1'))).toEqual(['b1Mar', 'townAMar', 'a1Feb', 'a1Jan']);
    expect(keysOf(await list(countyAdmin, 'period=2026-02'))).toEqual(['a1Feb']);
    expect(keysOf(await list(countyAdmin, 'period=2025'))).toEqual(['county2025']);
    expect(keysOf(await list(countyAdmin, 'from=2026-02-01&to=2026-03-01'))).toEqual(['townAMar', 'a1Feb']);
    expect(keysOf(await list(countyAdmin, `q=${encodeURIComponent('宣讲')}`))).toEqual(['b1Mar', 'a1Jan']);
    expect(keysOf(await list(countyAdmin, `q=${encodeURIComponent('100%')}`))).toEqual(['a1Jan']);
    expect(keysOf(await list(countyAdmin, `q=${encodeURIComponent('%')}`))).toEqual(['a1Jan']);
    const page2 = await list(countyAdmin, 'page=2&pageSize=2');
    expect(page2.total).toBe(5);
    expect(keysOf(page2)).toEqual(['a1Feb', 'a1Jan']);
    expect((await countyAdmin.get('/api/activities?pageSize=500')).statusCode).toBe(400);
  });

  it('shows the records behind a metric figure', async () => {
    await unsafeInsertMetric(t.db, { code: 'test_trainings', kindCodes: ['training', 'exec_training'] });
    await unsafeInsertMetric(t.db, { code: 'townb_only', kindCodes: ['outreach_lecture'], ownerOrgId: t.tree.townB.id });
    expect(keysOf(await list(countyAdmin, 'metricCode=test_trainings&period=2026Q1'))).toEqual(['townAMar', 'a1Feb']);
    expect(keysOf(await list(countyAdmin, `metricCode=test_trainings&period=2026-03&orgId=${t.tree.townA.id}`))).toEqual(['townAMar']);
    expect(keysOf(await list(countyAdmin, 'metricCode=test_trainings&kindCode=training'))).toEqual(['a1Feb']);
    expect(keysOf(await list(countyAdmin, 'metricCode=test_trainings&kindCode=outreach_lecture'))).toEqual([]);
    expect(keysOf(await list(townBAdmin, 'metricCode=townb_only'))).toEqual(['b1Mar']);
    const hidden = await staff.get('/api/activities?metricCode=townb_only');
    expect(hidden.statusCode).toBe(404);
    expect((await staff.get('/api/activities?metricCode=no_such_metric')).statusCode).toBe(404);
  });

  it('keeps the SQL of the list query reviewable', async () => {
    const filter = { provinceCode: '14', orgPath: t.tree.county.path, from: '2026-01-01', toExclusive: '2026-04-01', kindCodes: ['training'], titleContains: '培训' };
    await expect(activityPageQuery(t.db, filter, { limit: 20, offset: 0 }).compile().sql).toMatchFileSnapshot('./__snapshots__/activity-list.sql');
  });

  it('keeps the rollups equal to a recomputation', async () => {
    expect(await readRollups(t.db)).toEqual(await recomputeRollups(t.db));
  });
});

describe('quick-entry defaults', () => {
  it('gives the actor org, the last kind this user recorded, and today in Shanghai', async () => {
    const first = await exec.get('/api/activities/defaults');
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ orgId: t.tree.villageA1.id, orgName: '东关村妇联', kindCode: null, date: '2026-03-10' });
    await create(exec, base(t.tree.villageA1.id, { kindCode: 'volunteer_service' }));
    await create(exec, base(t.tree.villageA1.id, { kindCode: 'health_screening', date: '2026-01-02' }));
    expect((await exec.get('/api/activities/defaults')).json().kindCode).toBe('health_screening');
    // another user's records do not count
    expect((await staff.get('/api/activities/defaults')).json()).toMatchObject({ orgId: t.tree.townA.id, kindCode: null });
    await t.db.updateTable('activity_kinds').set({ active: false }).where('code', '=', 'health_screening').execute();
    expect((await exec.get('/api/activities/defaults')).json().kindCode).toBeNull();
    await t.db.updateTable('activity_kinds').set({ active: true }).where('code', '=', 'health_screening').execute();
  });
});
