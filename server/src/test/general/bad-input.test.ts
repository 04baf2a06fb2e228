import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { buildTestApp, type Agent } from '../build-test-app.ts';
import { buildCases, type BadCase } from './bad-input-cases.ts';
import { changedTables, tableChecksums } from '../db-checksum.ts';
import { createFixtures, fixturePathValues, fixtureValues, type Fixtures } from './entity-fixtures.ts';
import { loadOperations } from './openapi-walker.ts';

/**
 * Every operation of the OpenAPI document, fed input it must refuse, as an admin (so that authorization does
 * not hide validation): the answer is 4xx with a Chinese message, and no table changes.
 */
const SEED = 20260301;
const RANDOM_RUNS = 12;
/** sessions are made and ended by these; their inputs are covered by the auth module's own tests */
const SPECIAL = new Set(['POST /api/auth/login', 'POST /api/auth/logout']);
const CHINESE = /[\u4e00-\u9fa5]/;
const HANDLER_KINDS = new Set(['reference', 'path-not-found', 'semantic']);

const t = await buildTestApp();
const operations = (await loadOperations(t.app)).filter((op) => !SPECIAL.has(op.key));
let fx: Fixtures;
let admin: Agent;
const tally = { cases: 0, refused: 0, accepted: 0, byKind: {} as Record<string, number>, acceptedCases: [] as string[] };

beforeAll(async () => {
  fx = await createFixtures(t, operations);
  admin = await t.login(t.users.countyAdmin);
});
afterAll(async () => {
  // eslint-disable-next-line no-console -- the tally is the report of what was sent
  console.info(
    `bad input: ${operations.length} operations, ${tally.cases} cases, ${tally.refused} refused, ${tally.accepted} accepted`,
    tally.byKind,
    `\naccepted:\n${tally.acceptedCases.join('\n')}`,
  );
  await t.close();
});

function messageOf(res: LightMyRequestResponse): { message?: string; fields?: { path: string; message: string }[] } | null {
  try {
    return res.json();
  } catch {
    return null;
  }
}

/** what is wrong with the answer to one case, or null */
function judge(c: BadCase, res: LightMyRequestResponse, changed: string[]): string | null {
  const s = res.statusCode;
  if (s >= 500) return `${s} (server error) ${res.body.slice(0, 200)}`;
  if (s < 400) {
    if (c.mayAccept) return null;
    return `accepted with ${s}${changed.length ? `, changed ${changed.join(', ')}` : ''}: ${res.body.slice(0, 160)}`;
  }
  if (changed.length) return `refused with ${s} but changed ${changed.join(', ')}`;
  const body = messageOf(res);
  if (!body?.message || !CHINESE.test(body.message)) return `${s} without a Chinese message: ${res.body.slice(0, 160)}`;
  if (c.status && s !== c.status) return `${s} instead of ${c.status}: ${body.message}`;
  if (c.field && s === 400) {
    const named = body.message.includes(c.field) || (body.fields ?? []).some((f) => f.path.split('.').includes(c.field as string));
    if (!named) return `400 does not name the field ${c.field}: ${body.message}`;
  }
  return null;
}

it('creates one entity of each kind through the API (the fixtures)', () => {
  expect(fx.problems).toEqual([]);
});

describe.each(operations.map((op) => [op.key, op] as const))('%s', (_key, op) => {
  it('refuses bad input with 4xx, a Chinese message and no change', async () => {
    const ctx = fixtureValues(fx, { newParentId: t.tree.townB.id });
    const cases = buildCases(op, { ctx, pathValues: fixturePathValues(op, fx), seed: SEED, randomRuns: RANDOM_RUNS });
    const failures: string[] = [];
    let before = await tableChecksums(t.db);
    for (const c of cases) {
      const res = await admin.request(c.request);
      // cases refused by validation never reach a handler: the batch fingerprint below covers them
      const reachesHandler = HANDLER_KINDS.has(c.kind) || res.statusCode < 400;
      const after = reachesHandler ? await tableChecksums(t.db) : before;
      const changed = changedTables(before, after);
      before = after;
      tally.cases++;
      tally.byKind[c.kind] = (tally.byKind[c.kind] ?? 0) + 1;
      if (res.statusCode < 400) {
        tally.accepted++;
        tally.acceptedCases.push(`${op.key} [${c.kind}] ${c.label} → ${res.statusCode}`);
      }
      else tally.refused++;
      const problem = judge(c, res, changed);
      if (problem) failures.push(`[${c.kind}] ${c.label} → ${problem}`);
    }
    const unattributed = changedTables(before, await tableChecksums(t.db));
    if (unattributed.length) failures.push(`refused validation cases changed ${unattributed.join(', ')}`);
    expect(failures.length, `${op.key}: ${failures.length} of ${cases.length} cases wrong\n${failures.join('\n')}\n`).toBe(0);
  });
});

it('sent input that must be refused: at most 2% of the cases were accepted', () => {
  expect(tally.cases).toBeGreaterThan(operations.length);
  expect(tally.accepted / tally.cases).toBeLessThanOrEqual(0.02);
});
