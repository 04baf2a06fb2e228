import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import type { UserRole } from '@jinguo/common/enums.ts';
import { buildTestApp, type Agent } from '../build-test-app.ts';
import { changedTables, tableChecksums } from '../db-checksum.ts';
import { createFixtures, DEFINITIONS, fixturePathValues, fixtureValues, pathResolves, type Fixtures } from './entity-fixtures.ts';
import { loadOperations, resourceOfParam, type Operation } from './openapi-walker.ts';
import { holdsId, validParts, toRequest } from './valid-requests.ts';

/**
 * Who may call what, for every operation of the OpenAPI document: outsiders (township B's admin, the other
 * province's admin) are refused everything that names township A's subtree and never see its rows in lists;
 * staff and executives are refused admin-only work; nobody gets anywhere without a session or the CSRF header.
 * Refusals change no table.
 */
const PUBLIC = new Set(['GET /api/health', 'POST /api/auth/login']);
/** acting on one's own session: exercised by the unauthenticated and CSRF checks */
const SELF_SERVICE = /^\w+ \/api\/auth\//;
const CHINESE = /[\u4e00-\u9fa5]/;
const ALL: UserRole[] = ['admin', 'staff', 'executive'];

/** the roles each operation admits (brief: "Roles"); first match wins; an operation without a rule fails */
const ROLE_RULES: { match: RegExp; allowed: UserRole[] }[] = [
  { match: /^\w+ \/api\/auth\//, allowed: ALL },
  { match: /^\w+ \/api\/users\b/, allowed: ['admin'] },
  { match: /^\w+ \/api\/audit\b/, allowed: ['admin'] },
  { match: /^(POST|PATCH|PUT|DELETE) \/api\/orgs\b/, allowed: ['admin'] },
  { match: /^(POST|PATCH|PUT|DELETE) \/api\/(activity-kinds|metrics)\b/, allowed: ['admin'] },
  { match: /^(POST|PATCH|PUT|DELETE) \/api\/(sites|persons|positions)\b/, allowed: ['admin', 'staff'] },
  { match: /^POST \/api\/activities$/, allowed: ALL },
  // executives change only the activities they recorded; the fixture activity is the county admin's
  { match: /^(POST|PATCH|PUT|DELETE) \/api\/activities\/\{id\}/, allowed: ['admin', 'staff'] },
  // plan documents read into plans: those who may create plans (reading writes nothing, saving writes the plan)
  { match: /^POST \/api\/plans\/(import\/|\{id\}\/import$)/, allowed: ['admin', 'staff'] },
  // plans: admins and staff of the plan's org (or, for a split part, of the part's org)
  { match: /^(POST|PATCH|PUT|DELETE) \/api\/(plans|plan-tasks|targets)\b/, allowed: ['admin', 'staff'] },
  // reports: admins define forms; a unit's admin/staff fill in its report, the parent's admin/staff review and chase
  { match: /^(POST|PATCH|PUT|DELETE) \/api\/report-forms\b/, allowed: ['admin'] },
  { match: /^(POST|PATCH|PUT|DELETE) \/api\/(reports|completeness)\b/, allowed: ['admin', 'staff'] },
  { match: /^POST \/api\/reminders\//, allowed: ALL },
  // Excel imports: admins and staff (org imports: admins, checked by kind); executives record one at a time
  { match: /^\w+ \/api\/imports\b/, allowed: ['admin', 'staff'] },
  // documents: admins and staff make templates and drafts; executives read and download
  { match: /^(POST|PATCH|PUT|DELETE) \/api\/(doc-templates|documents)\b/, allowed: ['admin', 'staff'] },
  // everyone may ask; executives review nothing and get an empty list
  { match: /^GET \/api\/reports\/to-review$/, allowed: ALL },
  { match: /^GET \/api\//, allowed: ALL },
];

const t = await buildTestApp();
const operations = await loadOperations(t.app);
let fx: Fixtures;
/** the same entities in township B: township B's admin mixes them with one of township A's */
let fxB: Fixtures;
const agents = {} as Record<'county' | 'staff' | 'exec' | 'townB' | 'other', Agent>;
const exercised = new Set<string>();

beforeAll(async () => {
  fx = await createFixtures(t, operations);
  fxB = await createFixtures(t, operations, 'B');
  agents.county = await t.login(t.users.countyAdmin);
  agents.staff = await t.login(t.users.townAStaff);
  agents.exec = await t.login(t.users.villageA1Exec);
  agents.townB = await t.login(t.users.townBAdmin);
  agents.other = await t.login(t.users.otherAdmin);
});
afterAll(() => t.close());

/** the request, as valid as the schemas allow, naming township A's entities everywhere it names something */
function requestIntoTownA(op: Operation): InjectOptions {
  return toRequest(op, validParts(op, { ctx: fixtureValues(fx, { kindCode: 'other' }), pathValues: fixturePathValues(op, fx), allIds: true }));
}

function jsonOf(res: LightMyRequestResponse): { message?: string } | null {
  try {
    return res.json();
  } catch {
    return null;
  }
}

/** ids of township A's subtree (and, for another province, the county's definitions) in a body, except those the request named */
function leaked(res: LightMyRequestResponse, req: InjectOptions, who: 'townB' | 'other'): string[] {
  const sent = `${req.url} ${typeof req.payload === 'string' ? req.payload : ''}`;
  const secret = who === 'other' ? [...fx.subtreeIds, ...fx.definitionCodes] : fx.subtreeIds;
  return secret.filter((id) => !sent.includes(id) && res.body.includes(id));
}

/** the problems found by one test, and how many requests it judged (a check that sends nothing proves nothing) */
type Run = { failures: string[]; requests: number };
const newRun = (): Run => ({ failures: [], requests: 0 });
function finish(run: Run) {
  expect(run.failures.length, `${run.requests} requests\n${run.failures.join('\n')}\n`).toBe(0);
  expect(run.requests).toBeGreaterThan(0);
}

async function expectRefused(agent: Agent, req: InjectOptions, label: string, statuses: number[], run: Run, who?: 'townB' | 'other') {
  const failures = run.failures;
  run.requests++;
  const before = await tableChecksums(t.db);
  const res = await agent.request(req);
  const changed = changedTables(before, await tableChecksums(t.db));
  const body = jsonOf(res);
  if (!statuses.includes(res.statusCode)) failures.push(`${label}: ${res.statusCode} instead of ${statuses.join('/')}: ${res.body.slice(0, 200)}`);
  else if (!body?.message || !CHINESE.test(body.message)) failures.push(`${label}: ${res.statusCode} without a Chinese message`);
  if (changed.length) failures.push(`${label}: refused request changed ${changed.join(', ')}`);
  const leaks = who ? leaked(res, req, who) : [];
  if (leaks.length) failures.push(`${label}: refusal shows ids of township A's subtree: ${leaks.join(', ')}`);
}

it('creates one entity of each kind through the API (the fixtures)', () => {
  expect([...fx.problems, ...fxB.problems]).toEqual([]);
});

it('refuses every non-public operation without a session, or with a made-up one, with 401', async () => {
  const run = newRun();
  const before = await tableChecksums(t.db);
  for (const op of operations.filter((o) => !PUBLIC.has(o.key))) {
    const req = requestIntoTownA(op);
    for (const [label, cookies] of [['no session', {}], ['made-up session', { jg_sid: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }]] as const) {
      const res = await t.app.inject({ ...req, cookies });
      run.requests++;
      const body = jsonOf(res);
      if (res.statusCode !== 401) run.failures.push(`${op.key} (${label}): ${res.statusCode} instead of 401`);
      else if (!body?.message || !CHINESE.test(body.message)) run.failures.push(`${op.key} (${label}): 401 without a Chinese message`);
    }
  }
  const changed = changedTables(before, await tableChecksums(t.db));
  finish(run);
  expect(changed).toEqual([]);
});

it('refuses every write without the CSRF header with 403 and changes nothing', async () => {
  const run = newRun();
  for (const op of operations.filter((o) => o.isWrite && !PUBLIC.has(o.key))) {
    const req = requestIntoTownA(op);
    const headers = { ...(req.headers as Record<string, string> | undefined), 'x-csrf-token': 'wrong' };
    await expectRefused(agents.county, { ...req, headers }, `${op.key} with a wrong CSRF token`, [403], run);
  }
  finish(run);
});

/** what an outsider may do with the operation: be refused it (it names township A), or list (and see none of A) */
function outsiderPlan(op: Operation, who: 'townB' | 'other'): 'refuse' | 'list' | 'none' {
  const pathTargets = op.pathParams.map((p) => resourceOfParam(op.path, p.name));
  // the county's definitions are township B's too (read-only); another province sees none of them
  const namesTownA = pathTargets.some((r) => !DEFINITIONS.has(r) || who === 'other' || op.isWrite);
  const idFields = op.queryParams.some((p) => holdsId(p.schema)) || Object.values(op.body?.properties ?? {}).some(holdsId);
  if (namesTownA || idFields) return 'refuse';
  return op.isWrite ? 'none' : 'list';
}

describe.each([
  ['townB', "township B's admin (a sibling subtree)"],
  ['other', "the other province's admin"],
] as const)('as %s — %s', (who, _label) => {
  it('is refused (403/404) every operation naming township A, and nothing changes', async () => {
    const run = newRun();
    for (const op of operations.filter((o) => !PUBLIC.has(o.key) && outsiderPlan(o, who) === 'refuse')) {
      if (!pathResolves(op, fx)) continue;
      const req = requestIntoTownA(op);
      await expectRefused(agents[who], req, op.key, [403, 404], run, who);
      exercised.add(op.key);
      if (!op.isWrite) {
        const control = await agents.county.request(req);
        if (control.statusCode >= 300) run.failures.push(`${op.key}: control — the county admin gets ${control.statusCode}, so the refusal proves nothing: ${control.body.slice(0, 160)}`);
      }
    }
    finish(run);
  });

  it("never sees township A's rows in lists and searches", async () => {
    const run = newRun();
    const own = who === 'townB' ? t.tree.townB.id : t.tree.otherCounty.id;
    for (const op of operations.filter((o) => !o.isWrite && !PUBLIC.has(o.key))) {
      const plan = outsiderPlan(op, who);
      const orgPathOnly = op.pathParams.length > 0 && op.pathParams.every((p) => resourceOfParam(op.path, p.name) === 'orgs');
      if (plan !== 'list' && !orgPathOnly && !op.queryParams.some((p) => holdsId(p.schema))) continue;
      const pathValues = orgPathOnly ? Object.fromEntries(op.pathParams.map((p) => [p.name, own])) : fixturePathValues(op, fx);
      if (!orgPathOnly && !pathResolves(op, fx)) continue;
      const ctx = fixtureValues(fx, { orgId: own, parentId: own, kindCode: undefined, metricCode: undefined });
      const base = validParts(op, { ctx, pathValues });
      const words = op.queryParams.some((p) => p.name === 'q') ? fx.searchWords : [undefined];
      for (const q of words) {
        const req = toRequest(op, { ...base, query: q === undefined ? base.query : { ...base.query, q } });
        const res = await agents[who].request(req);
        run.requests++;
        if (res.statusCode >= 500) run.failures.push(`${op.key} ${req.url}: ${res.statusCode}`);
        const leaks = leaked(res, req, who);
        if (leaks.length) run.failures.push(`${op.key} ${req.url}: shows ids of township A's subtree: ${leaks.join(', ')}`);
      }
      exercised.add(op.key);
    }
    finish(run);
  });
});

type IdField = { where: 'path' | 'query' | 'body'; name: string };
/** fields naming an org (orgId, parentId, newParentId …) */
const ORG_FIELD = /^(org|parent|newParent)Id$/;

/** the places an operation names an org-owned entity */
function idFields(op: Operation): IdField[] {
  return [
    ...op.pathParams.filter((p) => !DEFINITIONS.has(resourceOfParam(op.path, p.name))).map((p) => ({ where: 'path' as const, name: p.name })),
    ...op.queryParams.filter((p) => holdsId(p.schema)).map((p) => ({ where: 'query' as const, name: p.name })),
    ...Object.entries(op.body?.properties ?? {}).filter(([, s]) => holdsId(s)).map(([name]) => ({ where: 'body' as const, name })),
  ];
}

/** township B's entities everywhere, except township A's in one place */
function requestMixing(op: Operation, f: IdField): InjectOptions {
  const pathValues = fixturePathValues(op, fxB);
  if (f.where === 'path') pathValues[f.name] = fixturePathValues(op, fx)[f.name];
  const fromA = fixtureValues(fx);
  const names = [f.name, f.name.replace(/s$/, '')];
  const overrides = f.where === 'path' ? {} : Object.fromEntries(names.map((n) => [n, fromA.known(n)]));
  const ctx = fixtureValues(fxB, { kindCode: 'other', ...overrides });
  return toRequest(op, validParts(op, { ctx, pathValues, allIds: true }));
}

describe("as township B's admin, naming its own entities and one of township A's", () => {
  it('is refused (400/403/404) and nothing changes', async () => {
    const run = newRun();
    for (const op of operations.filter((o) => !PUBLIC.has(o.key))) {
      const fields = idFields(op);
      if (fields.length < 2 || !pathResolves(op, fx) || !pathResolves(op, fxB)) continue;
      for (const f of fields) {
        await expectRefused(agents.townB, requestMixing(op, f), `${op.key} with township A's ${f.where} ${f.name}`, [400, 403, 404], run, 'townB');
      }
      exercised.add(op.key);
    }
    finish(run);
  });

  it('is refused (403/404) every operation naming the county above it as the org, and nothing changes', async () => {
    const run = newRun();
    for (const op of operations.filter((o) => !PUBLIC.has(o.key) && pathResolves(o, fxB))) {
      const orgFields = idFields(op).filter((f) => f.where !== 'path' && ORG_FIELD.test(f.name));
      if (orgFields.length === 0) continue;
      const ctx = fixtureValues(fxB, { kindCode: 'other', ...Object.fromEntries(orgFields.map((f) => [f.name, t.tree.county.id])) });
      const req = toRequest(op, validParts(op, { ctx, pathValues: fixturePathValues(op, fxB), allIds: true }));
      await expectRefused(agents.townB, req, `${op.key} with the county as ${orgFields.map((f) => f.name).join(', ')}`, [403, 404], run);
      exercised.add(op.key);
    }
    finish(run);
  });
});

describe.each([
  ['staff', 'staff', 'township A staff'],
  ['exec', 'executive', 'village A1 executive'],
] as const)('as %s', (agentKey, role, _label) => {
  it('is refused (403/404) every write it may do, when it names the org above its own', async () => {
    const run = newRun();
    const above = agentKey === 'staff' ? t.tree.county.id : t.tree.townA.id;
    for (const op of operations.filter((o) => o.isWrite && !PUBLIC.has(o.key) && pathResolves(o, fx))) {
      if (!ROLE_RULES.find((r) => r.match.test(op.key))?.allowed.includes(role)) continue;
      const orgFields = idFields(op).filter((f) => f.where !== 'path' && ORG_FIELD.test(f.name));
      if (orgFields.length === 0) continue;
      const ctx = fixtureValues(fx, { kindCode: 'other', ...Object.fromEntries(orgFields.map((f) => [f.name, above])) });
      const req = toRequest(op, validParts(op, { ctx, pathValues: fixturePathValues(op, fx), allIds: true }));
      await expectRefused(agents[agentKey], req, `${op.key} as ${role} naming the org above`, [403, 404], run);
    }
    finish(run);
  });

  it('is refused (403/404) what the role may not do, and nothing changes', async () => {
    const run = newRun();
    for (const op of operations.filter((o) => !PUBLIC.has(o.key))) {
      const rule = ROLE_RULES.find((r) => r.match.test(op.key));
      if (!rule) {
        run.failures.push(`${op.key}: no role rule — add it to ROLE_RULES in authorization.test.ts`);
        continue;
      }
      if (rule.allowed.includes(role)) continue;
      if (!pathResolves(op, fx)) continue;
      await expectRefused(agents[agentKey], requestIntoTownA(op), `${op.key} as ${role}`, [403, 404], run);
      exercised.add(op.key);
    }
    finish(run);
  });
});

describe('personal numbers', () => {
  it('appear in clear only in the answer to unmask: in no GET answer and in no table (audit included)', async () => {
    const run = newRun();
    const clear = [fx.place.phone, fx.place.idNumber, fxB.place.phone, fxB.place.idNumber];
    if (fx.ids.persons && operations.some((o) => o.key === 'POST /api/persons/{id}/unmask')) {
      for (const field of ['phone', 'idNumber']) {
        const res = await agents.county.post(`/api/persons/${fx.ids.persons}/unmask`, { field, reason: '核对身份信息' });
        run.requests++;
        if (res.statusCode !== 200 || !clear.includes(res.json().value)) run.failures.push(`unmask ${field}: ${res.statusCode} ${res.body.slice(0, 120)}`);
      }
    }
    for (const op of operations.filter((o) => !o.isWrite && !PUBLIC.has(o.key) && pathResolves(o, fx))) {
      const ctx = fixtureValues(fx, { kindCode: undefined, metricCode: undefined });
      for (const agent of [agents.county, agents.staff]) {
        const res = await agent.request(toRequest(op, validParts(op, { ctx, pathValues: fixturePathValues(op, fx) })));
        run.requests++;
        const shown = clear.filter((c) => res.body.includes(c));
        if (shown.length) run.failures.push(`${op.key} as ${agent.username}: shows ${shown.join(', ')} in clear`);
      }
    }
    const { rows: tables } = await sql<{ name: string }>`
      select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`.execute(t.db);
    for (const { name } of tables) {
      for (const c of clear) {
        const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(name)} as x where x::text like ${`%${c}%`}`.execute(t.db);
        if (rows[0].n > 0) run.failures.push(`table ${name}: ${rows[0].n} rows hold ${c} in clear`);
      }
    }
    finish(run);
  });
});

it('has exercised every operation of the OpenAPI document (coverage)', () => {
  const missed = operations.filter((op) => !PUBLIC.has(op.key) && !SELF_SERVICE.test(op.key) && !exercised.has(op.key)).map((op) => op.key);
  expect(missed, 'operations no authorization check reached (a fixture missing?)').toEqual([]);
});
