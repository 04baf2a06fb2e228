import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/build-test-app.ts';
import { TEST_PASSWORD } from '../../test/factories.ts';

let t: TestApp;
let clock = new Date('2026-03-01T02:00:00Z');
beforeAll(async () => {
  t = await buildTestApp({ now: () => clock });
});
afterAll(() => t.close());

describe('sign-in', () => {
  it('logs in with JSON username and password and sets an HttpOnly SameSite cookie', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'county_admin', password: TEST_PASSWORD } });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'jg_sid');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Strict');
  });

  it('refuses a wrong password in Chinese and locks the account after 5 failures for 15 minutes', async () => {
    for (let i = 1; i <= 4; i++) {
      const r = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'towna_staff', password: 'wrong' } });
      expect(r.statusCode).toBe(401);
      expect(r.json().message).toContain('用户名或密码错误');
    }
    const fifth = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'towna_staff', password: 'wrong' } });
    expect(fifth.statusCode).toBe(423);
    const right = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'towna_staff', password: TEST_PASSWORD } });
    expect(right.statusCode).toBe(423);
    clock = new Date(clock.getTime() + 16 * 60_000);
    const later = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'towna_staff', password: TEST_PASSWORD } });
    expect(later.statusCode).toBe(200);
  });

  it('requires the CSRF token on writes', async () => {
    const agent = await t.login('county_admin');
    const without = await agent.request({ method: 'POST', url: '/api/auth/logout', headers: { 'x-csrf-token': 'nope' } });
    expect(without.statusCode).toBe(403);
    expect(without.json().message).toContain('页面已过期');
    const ok = await agent.post('/api/auth/logout');
    expect(ok.statusCode).toBe(200);
    expect((await agent.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('ends a session after 30 idle minutes', async () => {
    const agent = await t.login('county_admin');
    expect((await agent.get('/api/auth/me')).statusCode).toBe(200);
    clock = new Date(clock.getTime() + 29 * 60_000);
    expect((await agent.get('/api/auth/me')).statusCode).toBe(200);
    clock = new Date(clock.getTime() + 31 * 60_000);
    const res = await agent.get('/api/auth/me');
    expect(res.statusCode).toBe(401);
    expect(res.json().message).toContain('超时');
  });

  it('changes a password only to a strong one', async () => {
    const agent = await t.login('villagea1_exec');
    const weak = await agent.post('/api/auth/password', { oldPassword: TEST_PASSWORD, newPassword: 'abc12345' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().message).toContain('密码强度不足');
    const ok = await agent.post('/api/auth/password', { oldPassword: TEST_PASSWORD, newPassword: 'Xinmima-2026!' });
    expect(ok.statusCode).toBe(200);
    await expect(t.login('villagea1_exec')).rejects.toThrow();
    await t.login('villagea1_exec', 'Xinmima-2026!');
  });

  it('answers 403, not 500, to a CSRF header of the right length with bytes 0x80–0xFF', async () => {
    const agent = await t.login('county_admin');
    const forged = `é${agent.csrfToken.slice(1)}`;
    expect(forged.length).toBe(agent.csrfToken.length);
    const res = await agent.request({ method: 'POST', url: '/api/auth/logout', headers: { 'x-csrf-token': forged } });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('CSRF_FAILED');
  });

  it('locks the account after a burst of parallel wrong passwords and audits each failure', async () => {
    const tries = Array.from({ length: 6 }, () =>
      t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'townb_admin', password: 'wrong' } }),
    );
    const codes = (await Promise.all(tries)).map((r) => r.statusCode);
    expect(codes).toContain(423);
    const right = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'townb_admin', password: TEST_PASSWORD } });
    expect(right.statusCode).toBe(423);
    const audited = await t.db.selectFrom('audit_log').select('action').where('username', '=', 'townb_admin').execute();
    expect(audited.filter((a) => a.action === 'login_failed').length).toBeGreaterThanOrEqual(4);
    expect(audited.filter((a) => a.action === 'login_locked')).toHaveLength(1);
  });
});

describe('a temporary password', () => {
  it('opens only me, password and logout until it is changed', async () => {
    const admin = await t.login('county_admin');
    const created = await admin.post('/api/users', { username: 'new_clerk', displayName: '王芳', orgId: t.tree.townA.id, role: 'staff', password: 'Chushi-mima-2026!' });
    expect(created.statusCode).toBe(200);
    const clerk = await t.login('new_clerk', 'Chushi-mima-2026!');
    expect((await clerk.get('/api/auth/me')).json().user.mustChangePassword).toBe(true);
    for (const res of [await clerk.get('/api/orgs/root'), await clerk.get('/api/persons'), await clerk.post('/api/activities', {})]) {
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ code: 'PASSWORD_CHANGE_REQUIRED', message: expect.stringContaining('修改初始密码') });
    }
    const changed = await clerk.post('/api/auth/password', { oldPassword: 'Chushi-mima-2026!', newPassword: 'Xinde-mima-2026!' });
    expect(changed.statusCode).toBe(200);
    expect((await clerk.get('/api/orgs/root')).statusCode).toBe(200);
    expect((await clerk.post('/api/auth/logout')).statusCode).toBe(200);
  });
});
