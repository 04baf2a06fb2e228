import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { todayInShanghai } from '../common/src/periods.ts';
import { applyMigrations } from '../server/src/db/migrate.ts';
import { openPglite, openPostgres, type DatabaseHandle } from '../server/src/db/open.ts';
import { hashPassword } from '../server/src/security/passwords.ts';
import { createCipher } from '../server/src/security/personal-data.ts';
import { seedDemo } from '../server/src/seed/demo.ts';
import { recreateDatabase } from '../server/src/test/fresh-db.ts';
import { signIn, startAppProcess } from '../server/src/test/operations/app-process.ts';
import { log, round } from './timing.ts';

/**
 * Issue 6's load: 50 users at once, each on a session of their own, going round what staff do all day — the
 * dashboard of their org, the activity list, a metric's breakdown, the org's children, the people list, their
 * due reports, and recording an activity (one write in seven requests) — against the real server process on
 * the demo county. First, for capacity (and to warm the server up), the users without any pause for 30 s (every
 * answer followed at once by the next request); then the timed load: each user sending BENCH_LOAD_RATE requests
 * a second on average (default 2: a page with its five calls every 2.5 s, busier than anyone clicks), spread
 * over time, for BENCH_LOAD_SECONDS (default 300). BENCH_LOAD_USERS (default 50).
 */
const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 300);
const USERS = Number(process.env.BENCH_LOAD_USERS ?? 50);
const RATE = Number(process.env.BENCH_LOAD_RATE ?? 2);
const SATURATION_SECONDS = 30;
const PASSWORD = 'Load-Bench#2026';
const ADMIN_PASSWORD = 'Heshun-Load#2026';
const METRICS_TOKEN = crypto.randomBytes(16).toString('hex');

type LoadUser = { username: string; orgId: string };
type Session = LoadUser & { headers: Record<string, string> };

async function prepareDatabase(kind: string, pgUrl: string | null): Promise<{ env: Record<string, string>; remove: () => Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jinguo-load-'));
  const key = crypto.randomBytes(32);
  let handle: DatabaseHandle;
  const env: Record<string, string> = { DATA_DIR: dataDir, JINGUO_DATA_KEY: key.toString('base64'), METRICS_TOKEN };
  if (kind === 'pglite') {
    handle = await openPglite(dataDir);
  } else {
    env.DATABASE_URL = await recreateDatabase(pgUrl!, 'bench_load');
    handle = openPostgres(env.DATABASE_URL, { max: 2 });
  }
  await applyMigrations(handle.db);
  await seedDemo({ db: handle.db, cipher: createCipher(key) }, { adminPassword: ADMIN_PASSWORD });
  await handle.close();
  return { env, remove: async () => fs.rmSync(dataDir, { recursive: true, force: true }) };
}

/** staff of the county, its townships and some villages, one account each */
async function addLoadUsers(env: Record<string, string>): Promise<LoadUser[]> {
  const handle = env.DATABASE_URL ? openPostgres(env.DATABASE_URL, { max: 2 }) : await openPglite(env.DATA_DIR);
  try {
    const orgs = await handle.db
      .selectFrom('orgs')
      .select(['id', 'depth'])
      .where('depth', 'in', [2, 3, 4])
      .where('kind', '=', 'federation')
      .orderBy('depth')
      .orderBy('path')
      .execute();
    const counties = orgs.filter((o) => o.depth === 2);
    const towns = orgs.filter((o) => o.depth === 3);
    const villages = orgs.filter((o) => o.depth === 4);
    const hash = await hashPassword(PASSWORD);
    const users = Array.from({ length: USERS }, (_, i) => {
      const org = i < 5 ? counties[0] : i < 5 + 2 * towns.length ? towns[i % towns.length] : villages[(i * 7) % villages.length];
      return { username: `load${String(i + 1).padStart(2, '0')}`, orgId: org.id };
    });
    await handle.db
      .insertInto('users')
      .values(users.map((u) => ({ id: crypto.randomUUID(), username: u.username, display_name: u.username, password_hash: hash, org_id: u.orgId, role: 'staff' as const })))
      .execute();
    return users;
  } finally {
    await handle.close();
  }
}

/** non-2xx answers by request and status, to say what failed */
export type Failures = Map<string, number>;

function journey(sessions: Session[], year: string, today: string, failures: Failures): autocannon.Request[] {
  let next = 0;
  const tally = (label: string) => (status: number, body: string) => {
    if (status >= 200 && status < 300) return;
    const key = `${label} ${status} ${body.slice(0, 80)}`;
    failures.set(key, (failures.get(key) ?? 0) + 1);
  };
  const as = (build: (s: Session) => Partial<autocannon.Request>) => (req: autocannon.Request, context: object) => {
    const ctx = context as { session?: Session };
    ctx.session ??= sessions[next++ % sessions.length];
    const built = build(ctx.session);
    return { ...req, ...built, headers: { ...req.headers, ...built.headers, ...ctx.session.headers } } as autocannon.Request;
  };
  const get = (label: string, build: (s: Session) => string): autocannon.Request => ({
    method: 'GET',
    setupRequest: as((s) => ({ path: build(s) })),
    onResponse: tally(label),
  });
  return [
    get('dashboard', (s) => `/api/dashboard?orgId=${s.orgId}&period=${year}`),
    get('activity list', (s) => `/api/activities?orgId=${s.orgId}&page=1&pageSize=20`),
    get('breakdown', (s) => `/api/metrics/outreach_attendance/breakdown?orgId=${s.orgId}&period=${year}`),
    get('children', (s) => `/api/orgs/${s.orgId}/children`),
    {
      method: 'POST',
      setupRequest: as((s) => ({
        path: '/api/activities',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ orgId: s.orgId, kindCode: 'outreach_lecture', title: '巾帼大宣讲进村（压测）', date: today, participants: 20 }),
      })),
      onResponse: tally('record'),
    },
    get('people', (s) => `/api/persons?orgId=${s.orgId}`),
    get('due reports', () => '/api/reports/due'),
  ];
}

/** mean time per route as the server measured it (its /metrics), slowest first */
async function serverSideMeans(baseUrl: string): Promise<string[]> {
  const text = await (await fetch(`${baseUrl}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
  const read = (suffix: string) =>
    new Map(
      [...text.matchAll(new RegExp(`^jinguo_http_request_duration_seconds_${suffix}\\{method="(\\w+)",route="([^"]+)"\\} ([\\d.e+-]+)$`, 'gm'))].map(
        (m) => [`${m[1]} ${m[2]}`, Number(m[3])] as const,
      ),
    );
  const sums = read('sum');
  const counts = read('count');
  return [...sums]
    .map(([route, sum]) => ({ route, n: counts.get(route) ?? 0, mean: (sum / (counts.get(route) || 1)) * 1000 }))
    .filter((r) => r.n > 10)
    .sort((a, b) => b.mean - a.mean)
    .map((r) => `${r.route}: mean ${round(r.mean)} ms over ${r.n}`);
}

export async function benchLoad(kind: string, pgUrl: string | null): Promise<Record<string, number | string>> {
  const data = await prepareDatabase(kind, pgUrl);
  const users = await addLoadUsers(data.env);
  const app = await startAppProcess({ env: data.env });
  try {
    const sessions: Session[] = [];
    for (const u of users) sessions.push({ ...u, headers: (await signIn(app.baseUrl, u.username, PASSWORD)).headers });
    const today = todayInShanghai(new Date());
    const run = async (label: string, seconds: number, overallRate?: number) => {
      const failures: Failures = new Map();
      const result = await autocannon({
        url: app.baseUrl,
        connections: USERS,
        duration: seconds,
        timeout: 10,
        // one rate for all users: their requests spread over time rather than all leaving on the same tick
        ...(overallRate ? { overallRate } : {}),
        requests: journey(sessions, today.slice(0, 4), today, failures),
      });
      for (const [what, n] of failures) log(`${kind}: ${label} failure ×${n}: ${what}`);
      const errors = result.errors + result.timeouts + result.non2xx;
      log(`${kind}: ${label}: ${result.requests.total} requests, ${errors} errors, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms`);
      return { requests: result.requests.total, perSecond: round(result.requests.average), errors, p50: result.latency.p50, p99: result.latency.p99 };
    };
    // capacity first, which also warms the server up (compiled code, the database's caches) for the timed load
    const saturated = await run('saturation', SATURATION_SECONDS);
    log(`${kind}: load — ${USERS} users × ${RATE} requests/s for ${SECONDS} s against ${app.baseUrl}`);
    const paced = await run('load', SECONDS, USERS * RATE);
    for (const line of await serverSideMeans(app.baseUrl)) log(`${kind}: server-side since start ${line}`);
    return {
      load_users: USERS,
      load_seconds: SECONDS,
      load_requests: paced.requests,
      load_requests_per_s: paced.perSecond,
      load_errors: paced.errors,
      load_p50_ms: paced.p50,
      load_p99_ms: paced.p99,
      saturation_requests_per_s: saturated.perSecond,
      saturation_errors: saturated.errors,
      saturation_p99_ms: saturated.p99,
    };
  } finally {
    await app.kill();
    await data.remove();
  }
}
