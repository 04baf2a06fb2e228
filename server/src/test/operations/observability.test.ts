import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import type { App } from '../../http/types.ts';
import { createCipher } from '../../security/personal-data.ts';
import { buildTestApp, type TestApp } from '../build-test-app.ts';

describe('request ids, /api/health and /metrics', () => {
  let t: TestApp;
  let guarded: App;
  const token = crypto.randomBytes(16).toString('hex');

  beforeAll(async () => {
    t = await buildTestApp();
    guarded = await buildApp({
      db: t.db,
      dbKind: t.database.kind,
      dbObserver: t.database.observer,
      metricsToken: token,
      cipher: createCipher(crypto.randomBytes(32)),
      filesDir: t.database.dataDir,
      logLevel: 'silent',
    });
  });
  afterAll(async () => {
    await guarded?.close();
    await t?.close();
  });

  it('gives every response its own request id', async () => {
    const [a, b] = await Promise.all([t.app.inject({ url: '/api/health' }), t.app.inject({ url: '/api/nope' })]);
    expect(a.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(b.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.headers['x-request-id']).not.toBe(b.headers['x-request-id']);
    // a client cannot choose the id that goes into the logs (only a trusted proxy may)
    const spoofed = await t.app.inject({ url: '/api/health', headers: { 'x-request-id': 'forged\nline' } });
    expect(spoofed.headers['x-request-id']).not.toContain('forged');
  });

  it('reports the database, and its pools only with the metrics token or to an admin', async () => {
    const health = (await t.app.inject({ url: '/api/health' })).json();
    expect(health).toMatchObject({ status: 'ok', database: t.database.kind, replicas: [], pools: [] });
    const withToken = (await guarded.inject({ url: '/api/health', headers: { authorization: `Bearer ${token}` } })).json();
    const admin = await t.login(t.users.countyAdmin);
    const staff = await t.login(t.users.townAStaff);
    expect((await staff.get('/api/health')).json().pools).toEqual([]);
    for (const detailed of [withToken, (await admin.get('/api/health')).json()]) {
      if (t.database.kind === 'postgres') expect(detailed.pools[0]).toMatchObject({ pool: 'primary', total: expect.any(Number) });
      else expect(detailed.pools).toEqual([]);
    }
  });

  it('counts requests per route template, status and latency in the Prometheus format', async () => {
    await guarded.inject({ url: `/api/orgs/${t.tree.townA.id}` });
    await guarded.inject({ url: `/api/orgs/${crypto.randomUUID()}` });
    await guarded.inject({ url: '/api/health' });
    const res = await guarded.inject({ url: '/metrics', headers: { authorization: `Bearer ${token}` } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    const text = res.body;
    expect(text).toMatch(/jinguo_http_requests_total\{method="GET",route="\/api\/orgs\/:id",status="401"\} 2\b/);
    expect(text).toMatch(/jinguo_http_requests_total\{method="GET",route="\/api\/health",status="200"\} \d+/);
    expect(text).toContain('jinguo_http_request_duration_seconds_bucket{le="0.1",method="GET",route="/api/orgs/:id"}');
    expect(text).toContain('jinguo_process_resident_memory_bytes');
    // ids never become label values
    expect(text).not.toContain(t.tree.townA.id);
    if (t.database.kind === 'postgres') expect(text).toMatch(/jinguo_db_pool_connections\{pool="primary",state="idle"\} \d+/);
  });

  it('serves /metrics only when a token is configured, and only with it', async () => {
    expect((await t.app.inject({ url: '/metrics' })).statusCode).toBe(404);
    expect((await guarded.inject({ url: '/metrics' })).statusCode).toBe(401);
    expect((await guarded.inject({ url: '/metrics', headers: { authorization: 'Bearer wrong' } })).statusCode).toBe(401);
    const ok = await guarded.inject({ url: '/metrics', headers: { authorization: `Bearer ${token}` } });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('jinguo_http_requests_total');
  });
});
