import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../server/src/db/database.ts';
import { applyMigrations } from '../server/src/db/migrate.ts';
import { openPglite, openPostgres, type DatabaseHandle } from '../server/src/db/open.ts';
import { rebuildAllRollups } from '../server/src/modules/activities/activity-rollups.queries.ts';
import { breakdownByChild } from '../server/src/modules/metrics/metric-values.queries.ts';
import { naiveBreakdownByChild } from '../server/src/modules/metrics/metric-values.naive.queries.ts';
import { loadDivisions } from '../server/src/seed/divisions.ts';
import { recreateDatabase } from '../server/src/test/fresh-db.ts';
import { startThrowawayPostgres } from '../scripts/pg-throwaway.mjs';
import { generateActivities, generateOrgs, PROVINCE, SHAPE } from './generate-province.ts';
import { IMPORT_GOALS, runImportBench } from './imports.ts';
import { benchLoad } from './load.ts';
import { benchPlansReports } from './plans-reports.ts';
import { benchRestart } from './restart.ts';
import { countyRollupFromAggregates, countyRollupNaive, sameTotals } from './rollup-queries.ts';
import { log, round, timeOnce, timeRuns } from './timing.ts';

/**
 * npm run bench — the figures of issues 3–6, measured in one run on PGlite and on PostgreSQL 15:
 * the year's roll-up per county of a generated province (aggregates vs a naive recursive CTE), a county's
 * dashboard breakdown (the app's query vs its naive reference), and the national tree load plus a county subtree;
 * on the same province, a quarter's reporting completeness and the progress of a plan's targets split to every
 * county (the app's functions vs naive queries, see plans-reports.ts); 50 users on the real server (load.ts).
 * Knobs: BENCH_ACTIVITIES (default 2,000,000), BENCH_DB=pglite|postgres|both, BENCH_NATIONAL=0 to skip the
 * national load, BENCH_NAIVE_RUNS (default 3) for the naive progress query, which takes seconds, BENCH_LOAD=0 to
 * skip the load (BENCH_LOAD_SECONDS, default 300; BENCH_LOAD_USERS, default 50), BENCH_IMPORT=0 to skip the import
 * of 100,000 activity rows (imports.ts; BENCH_IMPORT_ROWS).
 */
const ACTIVITIES = Number(process.env.BENCH_ACTIVITIES ?? 2_000_000);
const ENGINES = (process.env.BENCH_DB ?? 'both') === 'both' ? ['pglite', 'postgres'] : [process.env.BENCH_DB as string];
const NATIONAL = process.env.BENCH_NATIONAL !== '0';
const LOAD = process.env.BENCH_LOAD !== '0';
const IMPORTS = process.env.BENCH_IMPORT !== '0';
const YEAR = { from: '2025-01-01', to: '2026-01-01' };

type EngineResult = Record<string, number | string | boolean>;

async function openEngine(kind: string, pgUrl: string | null, name: string): Promise<DatabaseHandle> {
  if (kind === 'pglite') return openPglite(fs.mkdtempSync(path.join(os.tmpdir(), `jinguo-bench-${name}-`)), { lock: false });
  return openPostgres(await recreateDatabase(pgUrl!, name), { max: 4 });
}

async function benchProvince(kind: string, pgUrl: string | null): Promise<EngineResult> {
  const h = await openEngine(kind, pgUrl, 'bench_province');
  const db = h.db;
  await applyMigrations(db);
  const orgs = await timeOnce(() => generateOrgs(db));
  log(`${kind}: ${SHAPE.villages + SHAPE.townships + SHAPE.counties + SHAPE.cities + 1} orgs in ${orgs.ms} ms`);
  const acts = await timeOnce(() => generateActivities(db, ACTIVITIES, (n) => log(`${kind}: ${n.toLocaleString()} activities`)));
  const rollups = await timeOnce(() => db.transaction().execute((trx) => rebuildAllRollups(trx, { provinceCode: PROVINCE })));
  await sql`analyze`.execute(db);
  log(`${kind}: activities ${acts.ms} ms, rollups rebuilt in ${rollups.ms} ms`);

  const province = await db.selectFrom('orgs').select(['id', 'path']).where('depth', '=', 0).where('province_code', '=', PROVINCE).executeTakeFirstOrThrow();
  const counties = await db.selectFrom('orgs').select(['id', 'path', 'depth']).where('depth', '=', 2).where('path', 'like', `${province.path}%`).orderBy('path').execute();
  const kindCodes = (await db.selectFrom('activity_kinds').select('code').execute()).map((k) => k.code);

  const fastQ = { provincePath: province.path, provinceCode: PROVINCE, ...YEAR };
  const naiveQ = { provinceId: province.id, ...YEAR };
  if (!sameTotals(await countyRollupFromAggregates(db, fastQ), await countyRollupNaive(db, naiveQ))) {
    throw new Error('roll-up from aggregates differs from the naive query');
  }
  // PGlite runs 3–4× slower for its first ~100 queries while WebAssembly warms up
  const warm = kind === 'pglite' ? 100 : 10;
  const perCounty = await timeRuns(30, () => countyRollupFromAggregates(db, fastQ), warm);
  const perCountyNaive = await timeRuns(5, () => countyRollupNaive(db, naiveQ), 1);
  log(`${kind}: province by county p50 ${perCounty.p50} ms vs naive ${perCountyNaive.p50} ms`);

  const scope = (c: (typeof counties)[number]) => ({ orgId: c.id, orgPath: c.path, depth: c.depth, provinceCode: PROVINCE, kindCodes, ...YEAR });
  const dash = await timeRuns(counties.length, (i) => breakdownByChild(db, { ...scope(counties[i]), aggregation: 'sum_participants' }), warm);
  const dashNaive = await timeRuns(20, (i) => naiveBreakdownByChild(db, { orgId: counties[i].id, kindCodes, aggregation: 'sum_participants', ...YEAR }), 2);
  log(`${kind}: county dashboard breakdown p50 ${dash.p50} ms vs naive ${dashNaive.p50} ms`);
  const issue4 = await benchPlansReports(db, kind, warm);
  await h.close();
  return {
    engine: kind,
    activities: ACTIVITIES,
    generate_activities_ms: acts.ms,
    rebuild_rollups_ms: rollups.ms,
    province_by_county_p50_ms: perCounty.p50,
    province_by_county_p95_ms: perCounty.p95,
    province_by_county_naive_p50_ms: perCountyNaive.p50,
    province_by_county_speedup: round(perCountyNaive.p50 / perCounty.p50),
    county_breakdown_p50_ms: dash.p50,
    county_breakdown_naive_p50_ms: dashNaive.p50,
    county_breakdown_speedup: round(dashNaive.p50 / dash.p50),
    ...issue4,
  };
}

async function benchNational(kind: string, pgUrl: string | null): Promise<EngineResult> {
  const h = await openEngine(kind, pgUrl, 'bench_national');
  await applyMigrations(h.db);
  const load = await timeOnce(() => loadDivisions(h.db, 'all'));
  const count = await h.db.selectFrom('orgs').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const counties = await h.db.selectFrom('orgs').select('path').where('depth', '=', 2).orderBy('path').execute();
  const subtree = (db: Kysely<Database>, p: string) =>
    db.selectFrom('orgs').select(['id', 'name', 'depth', 'parent_id']).where('path', 'like', `${p}%`).execute();
  const county = await timeRuns(60, (i) => subtree(h.db, counties[(i * 37) % counties.length].path), kind === 'pglite' ? 100 : 10);
  await sql`select 1`.execute(h.db);
  await h.close();
  log(`${kind}: national tree ${Number(count.n).toLocaleString()} orgs in ${load.ms} ms; county subtree p50 ${county.p50} ms`);
  return { national_orgs: Number(count.n), national_load_ms: load.ms, county_subtree_p50_ms: county.p50, county_subtree_p95_ms: county.p95 };
}

const goals: Record<string, Record<string, number>> = {
  pglite: {
    province_by_county_p50_ms: 150,
    national_load_ms: 60_000,
    county_subtree_p50_ms: 20,
    restart_serves_ms: 5_000,
    completeness_p50_ms: 300,
    progress_p50_ms: 300,
    ...IMPORT_GOALS,
  },
  postgres: {
    province_by_county_p50_ms: 50,
    national_load_ms: 20_000,
    county_subtree_p50_ms: 5,
    completeness_p50_ms: 100,
    progress_p50_ms: 100,
    load_p99_ms: 500,
    ...IMPORT_GOALS,
  },
};

async function main() {
  let pgHandle: { url: string; stop: () => Promise<void> } | null = null;
  const results: EngineResult[] = [];
  try {
    if (ENGINES.includes('postgres')) pgHandle = await startThrowawayPostgres({ log });
    for (const kind of ENGINES) {
      const url = kind === 'postgres' ? pgHandle!.url : null;
      const r = await benchProvince(kind, url);
      if (NATIONAL) Object.assign(r, await benchNational(kind, url));
      if (kind === 'pglite') Object.assign(r, await benchRestart());
      if (IMPORTS) Object.assign(r, await runImportBench(kind as 'pglite' | 'postgres', url));
      if (LOAD) Object.assign(r, await benchLoad(kind, url));
      const g = goals[kind];
      r.meets_goals =
        Object.entries(g).every(([k, max]) => r[k] === undefined || Number(r[k]) <= max) &&
        Number(r.province_by_county_speedup) >= 20 &&
        (kind !== 'postgres' || r.load_errors === undefined || r.load_errors === 0);
      results.push(r);
    }
  } finally {
    await pgHandle?.stop();
  }
  const keys = [...new Set(results.flatMap((r) => Object.keys(r)))].filter((k) => k !== 'engine');
  const header = ['figure', ...results.map((r) => String(r.engine))];
  const rows = keys.map((k) => [k, ...results.map((r) => String(r[k] ?? '—'))]);
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((row) => row[i].length)));
  const line = (row: string[]) => row.map((c, i) => c.padEnd(widths[i])).join('  ');
  process.stdout.write(`\n${line(header)}\n${rows.map(line).join('\n')}\n\n`);
  process.stdout.write(`${JSON.stringify({ bench: 'issues-3-6', at: new Date().toISOString(), cpus: os.cpus().length, results })}\n`);
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
