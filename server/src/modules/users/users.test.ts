import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Agent, type TestApp } from '../../test/build-test-app.ts';

let t: TestApp;
let countyAdmin: Agent;
let townBAdmin: Agent;
let otherAdmin: Agent;

const INITIAL = 'Chushi-Mima-2026!';

beforeAll(async () => {
  t = await buildTestApp();
  [countyAdmin, townBAdmin, otherAdmin] = await Promise.all([t.login('county_admin'), t.login('townb_admin'), t.login('other_admin')]);
});
afterAll(() => t.close());

type User = { id: string; username: string; orgId: string; role: string; disabled: boolean; mustChangePassword: boolean; lockedUntil: string | null };

async function userIds(agent: Agent, query = ''): Promise<string[]> {
  const res = await agent.get(`/api/users?pageSize=200${query}`);
  expect(res.statusCode).toBe(200);
  return (res.json().items as User[]).map((u) => u.username);
}

async function me(agent: Agent) {
  return agent.get('/api/auth/me');
}

describe('users', () => {
  let clerkId: string;

  it('creates a user who must change the initial password, without ever returning a hash', async () => {
    const res = await countyAdmin.post('/api/users', { username: 'yixing_clerk', displayName: '孙敏', orgId: t.tree.townA.id, role: 'staff', password: INITIAL });
    expect(res.statusCode).toBe(200);
    const user = res.json();
    clerkId = user.id;
    expect(user).toMatchObject({ username: 'yixing_clerk', displayName: '孙敏', orgName: '义兴镇妇联', role: 'staff', disabled: false, mustChangePassword: true });
    expect(res.body).not.toMatch(/argon2|"password(_hash|Hash)?"/);
    const list = await countyAdmin.get('/api/users?pageSize=200');
    expect(list.body).not.toMatch(/argon2|"password(_hash|Hash)?"/);
    const clerk = await t.login('yixing_clerk', INITIAL);
    expect((await me(clerk)).json().user.mustChangePassword).toBe(true);
    const audit = await t.db.selectFrom('audit_log').selectAll().where('entity_id', '=', clerkId).where('action', '=', 'create').executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ entity: 'user', org_id: t.tree.townA.id, province_code: '14', username: 'county_admin' });
    expect(JSON.stringify(audit)).not.toContain(INITIAL);
  });

  it('refuses weak passwords and taken usernames', async () => {
    const weak = await countyAdmin.post('/api/users', { username: 'weak_one', displayName: '甲', orgId: t.tree.townA.id, role: 'staff', password: 'abc12345' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().message).toContain('密码强度不足');
    const named = await countyAdmin.post('/api/users', { username: 'lijuan', displayName: '甲', orgId: t.tree.townA.id, role: 'staff', password: 'Lijuan-2026!x' });
    expect(named.statusCode).toBe(400);
    expect(named.json().message).toContain('用户名');
    const taken = await countyAdmin.post('/api/users', { username: 'towna_staff', displayName: '甲', orgId: t.tree.townA.id, role: 'staff', password: INITIAL });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().message).toContain('用户名');
    expect(taken.json().fields[0].path).toBe('body.username');
  });

  it('lists the users of the subtree only', async () => {
    expect(await userIds(countyAdmin)).toEqual(['county_admin', 'towna_staff', 'yixing_clerk', 'villagea1_exec', 'townb_admin']);
    expect(await userIds(countyAdmin, `&orgId=${t.tree.townA.id}`)).toEqual(['towna_staff', 'yixing_clerk', 'villagea1_exec']);
    expect(await userIds(townBAdmin)).toEqual(['townb_admin']);
    expect((await townBAdmin.get(`/api/users?orgId=${t.tree.townA.id}`)).statusCode).toBe(404);
    expect(await userIds(otherAdmin)).toEqual(['other_admin']);
    expect((await otherAdmin.get(`/api/users?orgId=${t.tree.county.id}`)).statusCode).toBe(404);
    const page = (await countyAdmin.get('/api/users?page=2&pageSize=2')).json();
    expect(page.total).toBe(5);
    expect(page.items.map((u: User) => u.username)).toEqual(['yixing_clerk', 'villagea1_exec']);
  });

  it('refuses user management to staff and executives, and outside the subtree', async () => {
    for (const username of ['towna_staff', 'villagea1_exec']) {
      const agent = await t.login(username);
      expect((await agent.get('/api/users')).statusCode).toBe(403);
      expect((await agent.post('/api/users', { username: 'x_user', displayName: '甲', orgId: t.tree.villageA1.id, role: 'executive', password: INITIAL })).statusCode).toBe(403);
      expect((await agent.patch(`/api/users/${clerkId}`, { displayName: '乙' })).statusCode).toBe(403);
      expect((await agent.post(`/api/users/${clerkId}/reset-password`, { newPassword: 'Xinmima-2026!' })).statusCode).toBe(403);
    }
    expect((await townBAdmin.patch(`/api/users/${clerkId}`, { disabled: true })).statusCode).toBe(404);
    expect((await townBAdmin.post(`/api/users/${clerkId}/reset-password`, { newPassword: 'Xinmima-2026!' })).statusCode).toBe(404);
    const inTownA = await townBAdmin.post('/api/users', { username: 'sneaky', displayName: '甲', orgId: t.tree.townA.id, role: 'admin', password: INITIAL });
    expect(inTownA.statusCode).toBe(404);
    expect((await otherAdmin.patch(`/api/users/${clerkId}`, { role: 'admin' })).statusCode).toBe(404);
  });

  it('updates name and role, and disabling ends the sessions', async () => {
    const clerk = await t.login('yixing_clerk', INITIAL);
    const renamed = await countyAdmin.patch(`/api/users/${clerkId}`, { displayName: '孙敏敏', role: 'executive' });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ displayName: '孙敏敏', role: 'executive', disabled: false });
    expect((await me(clerk)).json().user.role).toBe('executive');
    const disabled = await countyAdmin.patch(`/api/users/${clerkId}`, { disabled: true });
    expect(disabled.json().disabled).toBe(true);
    expect((await me(clerk)).statusCode).toBe(401);
    await expect(t.login('yixing_clerk', INITIAL)).rejects.toThrow(/403/);
    await countyAdmin.patch(`/api/users/${clerkId}`, { disabled: false });
    await t.login('yixing_clerk', INITIAL);
    const audits = await t.db.selectFrom('audit_log').selectAll().where('entity_id', '=', clerkId).where('action', '=', 'update').orderBy('at').execute();
    expect(audits).toHaveLength(3);
    expect(audits[0].before).toMatchObject({ displayName: '孙敏', role: 'staff' });
    expect(audits[0].after).toMatchObject({ displayName: '孙敏敏', role: 'executive' });
  });

  it('does not let an admin disable, demote or reset themselves', async () => {
    const me1 = (await me(townBAdmin)).json().user.id;
    const disable = await townBAdmin.patch(`/api/users/${me1}`, { disabled: true });
    expect(disable.statusCode).toBe(403);
    expect(disable.json().message).toContain('不能停用自己');
    const demote = await townBAdmin.patch(`/api/users/${me1}`, { role: 'staff' });
    expect(demote.statusCode).toBe(403);
    expect(demote.json().message).toContain('管理员');
    expect((await townBAdmin.post(`/api/users/${me1}/reset-password`, { newPassword: 'Xinmima-2026!' })).statusCode).toBe(403);
    const rename = await townBAdmin.patch(`/api/users/${me1}`, { displayName: '李阳镇管理员', role: 'admin' });
    expect(rename.statusCode).toBe(200);
    expect((await me(townBAdmin)).statusCode).toBe(200);
  });

  it('resets a password: lifts the lockout, ends sessions, and asks for a change at next sign-in', async () => {
    const session = await t.login('villagea1_exec');
    for (let i = 0; i < 5; i++) {
      await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'villagea1_exec', password: 'wrong' } });
    }
    const listed = (await countyAdmin.get(`/api/users?orgId=${t.tree.villageA1.id}`)).json().items as User[];
    expect(listed[0].lockedUntil).not.toBeNull();
    const id = listed[0].id;
    const weak = await countyAdmin.post(`/api/users/${id}/reset-password`, { newPassword: 'short' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().code).toBe('WEAK_PASSWORD');
    const reset = await countyAdmin.post(`/api/users/${id}/reset-password`, { newPassword: 'Chongzhi-2026!' });
    expect(reset.statusCode).toBe(200);
    expect((await me(session)).statusCode).toBe(401);
    const fresh = await t.login('villagea1_exec', 'Chongzhi-2026!');
    expect((await me(fresh)).json().user.mustChangePassword).toBe(true);
    const row = await t.db.selectFrom('users').select(['failed_attempts', 'locked_until', 'must_change_password']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ failed_attempts: 0, locked_until: null, must_change_password: true });
    const audit = await t.db.selectFrom('audit_log').selectAll().where('entity_id', '=', id).where('action', '=', 'reset_password').executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ entity: 'user', username: 'county_admin', before: null, after: null });
  });

  it('refuses bad input with a Chinese message naming the field', async () => {
    const base = { username: 'good_name', displayName: '周红', orgId: t.tree.townA.id, role: 'staff', password: INITIAL };
    const cases: [Record<string, unknown>, string, string][] = [
      [{ ...base, username: 'a b' }, 'body.username', '用户名'],
      [{ ...base, username: 'x'.repeat(10_000) }, 'body.username', '用户名'],
      [{ ...base, displayName: '周'.repeat(10_000) }, 'body.displayName', '姓名不能超过 50 个字'],
      [{ ...base, role: 'root' }, 'body.role', ''],
      [{ ...base, password: 'x'.repeat(10_000) }, 'body.password', '密码不能超过 128 个字符'],
      [{ ...base, orgId: 'nope' }, 'body.orgId', '编号格式不正确'],
    ];
    for (const [body, path, text] of cases) {
      const res = await countyAdmin.post('/api/users', body);
      expect(res.statusCode, path).toBe(400);
      expect(res.json().fields[0].path).toBe(path);
      expect(res.json().message).toContain(text);
    }
    const unknown = await countyAdmin.post('/api/users', { ...base, passwordHash: 'x' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().fields[0].path).toBe('body.passwordHash');
    expect(unknown.json().message).toContain('不允许的字段');
    const patchUnknown = await countyAdmin.patch(`/api/users/${clerkId}`, { username: 'renamed' });
    expect(patchUnknown.statusCode).toBe(400);
    expect((await countyAdmin.patch(`/api/users/${clerkId}`, { disabled: 'yes' })).json().message).toContain('停用');
  });

  it('links a user to a person in scope only', async () => {
    const person = (await countyAdmin.post('/api/persons', { orgId: t.tree.townB.id, name: '吴芳' })).json();
    const linked = await townBAdmin.post('/api/users', { username: 'wufang', displayName: '吴芳', orgId: t.tree.villageB1.id, role: 'executive', password: INITIAL, personId: person.id });
    expect(linked.statusCode).toBe(200);
    expect(linked.json().personId).toBe(person.id);
    const foreign = await otherAdmin.post('/api/users', { username: 'wufang2', displayName: '吴芳', orgId: t.tree.otherCounty.id, role: 'executive', password: INITIAL, personId: person.id });
    expect(foreign.statusCode).toBe(404);
  });
});
