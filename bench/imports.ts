import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { sql, type Kysely } from 'kysely';
import { buildApp } from '../server/src/app.ts';
import type { Database } from '../server/src/db/database.ts';
import { applyMigrations } from '../server/src/db/migrate.ts';
import { openPglite, openPostgres, type DatabaseHandle } from '../server/src/db/open.ts';
import type { App } from '../server/src/http/types.ts';
import { createCipher } from '../server/src/security/personal-data.ts';
import { recreateDatabase, withDatabase } from '../server/src/test/fresh-db.ts';
import { TEST_PASSWORD, unsafeInsertOrg, unsafeInsertUser, type TestOrg } from '../server/src/test/factories.ts';
import { multipartFile } from '../server/src/test/general/entity-fixtures.ts';
import { startThrowawayPostgres } from '../scripts/pg-throwaway.mjs';
import { log, round } from './timing.ts';

/**
 * Issue 5's import figures: 100,000 activity rows of one .xlsx (a county's ledger: 10 townships × 20 villages,
 * the year 2025, the system's kinds) imported through the API — upload, the proposed mapping, start, polls until
 * done — on PGlite and on PostgreSQL, into a county that already holds 50,000 activities of the same year (the
 * duplicate check reads them). One child process prepares the county and the file; a second, fresh one — as a
 * server restarted on that database — opens it and imports, so that its peak RSS (VmHWM, reset just before the
 * upload) is a server's during an import: for PGlite that includes the embedded database, for PostgreSQL only the
 * app's process. Goals: ≤ 10 s and ≤ 500 MB.
 * Knob: BENCH_IMPORT_ROWS (default 100,000). On its own: node --import tsx bench/imports.ts [pglite|postgres|both].
 */
const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
const EXISTING = 50_000;
const SHAPE = { townships: 10, villagesPer: 20 };
export const IMPORT_GOALS = { import_100k_ms: 10_000, import_peak_rss_mb: 500 };

type Figures = {
  import_rows: number;
  import_file_mb: number;
  import_100k_ms: number;
  import_peak_rss_mb: number;
  /** the peak above the process's RSS just before the upload (the app on PGlite holds ~340 MB once open) */
  import_rss_growth_mb: number;
  import_rss_how: string;
};

async function buildCounty(db: Kysely<Database>): Promise<{ county: TestOrg; villages: TestOrg[] }> {
  const province = await unsafeInsertOrg(db, { segment: '98', name: '基准省妇联' });
  const city = await unsafeInsertOrg(db, { parent: province, segment: '01', name: '基准市妇联' });
  const county = await unsafeInsertOrg(db, { parent: city, segment: '01', name: '基准县妇联' });
  const villages: TestOrg[] = [];
  for (let t = 1; t <= SHAPE.townships; t++) {
    const town = await unsafeInsertOrg(db, { parent: county, segment: String(100 + t), name: `第${t}镇妇联` });
    for (let v = 1; v <= SHAPE.villagesPer; v++) villages.push(await unsafeInsertOrg(db, { parent: town, segment: String(200 + v), name: `第${t}镇第${v}村妇联` }));
  }
  return { county, villages };
}

async function preloadActivities(db: Kysely<Database>, villages: TestOrg[]) {
  const ids = villages.map((v) => v.id);
  await sql`
    insert into activities (province_code, id, org_id, kind_code, title, date, participants)
    select '98', gen_random_uuid(), (${ids}::uuid[])[1 + (n % ${ids.length})], 'outreach_lecture', '已有活动' || n, '2025-01-01'::date + (n % 365), 20
    from generate_series(1, ${EXISTING}) n`.execute(db);
  await sql`analyze`.execute(db);
}

/** the ledger as people keep it, written as a stream */
async function writeLedger(file: string, villages: TestOrg[], kinds: string[]) {
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: false });
  const sheet = book.addWorksheet('活动台账');
  sheet.addRow(['组织', '活动类型', '活动名称', '活动日期', '地点', '参加人数', '备注']).commit();
  for (let i = 0; i < ROWS; i++) {
    const day = new Date(Date.UTC(2025, 0, 1 + (i % 365))).toISOString().slice(0, 10);
    sheet.addRow([villages[i % villages.length].name, kinds[i % kinds.length], `第${i + 1}次活动`, day, '村委会', 10 + (i % 90), i % 10 === 0 ? '导入' : null]).commit();
  }
  sheet.commit();
  await book.commit();
}

function peakRssMb(): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    return m ? round(Number(m[1]) / 1024) : null;
  } catch {
    return null;
  }
}

/** resets VmHWM (Linux ≥ 4.0); false where that is not possible */
function resetPeakRss(): boolean {
  try {
    fs.writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

async function login(app: App, username: string) {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: TEST_PASSWORD } });
  const cookies = { jg_sid: res.cookies.find((c) => c.name === 'jg_sid')!.value };
  const csrf = (await app.inject({ method: 'GET', url: '/api/auth/me', cookies })).json().csrfToken as string;
  return { cookies, headers: { 'x-csrf-token': csrf } };
}

const benchDatabaseUrl = (pgUrl: string) => withDatabase(pgUrl, 'bench_import');

function openEngine(kind: string, pgUrl: string | null, scratch: string): Promise<DatabaseHandle> | DatabaseHandle {
  return kind === 'pglite' ? openPglite(path.join(scratch, 'db'), { lock: false }) : openPostgres(benchDatabaseUrl(pgUrl!), { max: 4 });
}

/** the first child: a county with 50,000 activities and the ledger file, left in `scratch` for the second */
async function prepare(kind: string, pgUrl: string | null, scratch: string): Promise<void> {
  if (kind === 'postgres') await recreateDatabase(pgUrl!, 'bench_import');
  const h = await openEngine(kind, pgUrl, scratch);
  await applyMigrations(h.db);
  const { county, villages } = await buildCounty(h.db);
  await preloadActivities(h.db, villages);
  const kinds = (await h.db.selectFrom('activity_kinds').select('name').where('owner_org_id', 'is', null).where('active', '=', true).execute()).map((k) => k.name);
  await unsafeInsertUser(h.db, { username: 'bench_admin', org: county, role: 'admin' });
  fs.mkdirSync(path.join(scratch, 'files'));
  await writeLedger(path.join(scratch, 'files', 'ledger.xlsx'), villages, kinds);
  await h.close();
}

/**
 * The second child, a fresh process as a server restarted on that database would be: open it, then time the
 * import from upload to done
 */
async function measure(kind: string, pgUrl: string | null, scratch: string): Promise<Figures> {
  const h = await openEngine(kind, pgUrl, scratch);
  const filesDir = path.join(scratch, 'files');
  const data = fs.readFileSync(path.join(filesDir, 'ledger.xlsx'));
  const app = await buildApp({ db: h.db, dbKind: h.kind, cipher: createCipher(crypto.randomBytes(32)), filesDir, logLevel: 'silent' });
  const session = await login(app, 'bench_admin');
  // PGlite runs slower for its first queries while WebAssembly warms up
  for (let i = 0; i < 100; i++) await app.inject({ method: 'GET', url: '/api/imports', ...session });
  if (global.gc) global.gc();
  const reset = resetPeakRss();
  const before = process.memoryUsage.rss();
  let sampled = process.memoryUsage.rss();
  const sampler = setInterval(() => (sampled = Math.max(sampled, process.memoryUsage.rss())), 20);
  const t0 = performance.now();
  const mime = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  const body = multipartFile({ fileName: 'ledger.xlsx', mimeType: mime, data });
  const up = await app.inject({ method: 'POST', url: '/api/imports?kind=activities', cookies: session.cookies, payload: body.payload, headers: { ...session.headers, ...body.headers } });
  if (up.statusCode !== 200) throw new Error(`upload: ${up.statusCode} ${up.body}`);
  const job = up.json() as { id: string; mapping: Record<string, number | null> };
  const start = await app.inject({ method: 'POST', url: `/api/imports/${job.id}/start`, ...session, payload: { mapping: job.mapping } });
  if (start.statusCode !== 200) throw new Error(`start: ${start.statusCode} ${start.body}`);
  log(`${kind}: uploaded in ${round(performance.now() - t0)} ms`);
  let state: { status: string; phase: string | null; imported: number; errorCount: number; errors: unknown[] };
  let phase: string | null = null;
  do {
    await new Promise((r) => setTimeout(r, 50));
    state = (await app.inject({ method: 'GET', url: `/api/imports/${job.id}`, ...session })).json();
    if (state.phase !== phase) log(`${kind}: ${(phase = state.phase) ?? 'done'} from ${round(performance.now() - t0)} ms, RSS ${round(process.memoryUsage.rss() / 1048576)} MB`);
  } while (state.status === 'running');
  const ms = round(performance.now() - t0);
  clearInterval(sampler);
  if (state.status !== 'succeeded' || state.imported !== ROWS) throw new Error(`import ended ${state.status}: ${JSON.stringify(state.errors).slice(0, 300)}`);
  const hwm = reset ? peakRssMb() : null;
  const peak = hwm ?? round(sampled / 1024 / 1024);
  await app.close();
  await h.close();
  return {
    import_rows: ROWS,
    import_file_mb: round(data.length / 1024 / 1024),
    import_100k_ms: ms,
    import_peak_rss_mb: peak,
    import_rss_growth_mb: round(peak - before / 1024 / 1024),
    import_rss_how: hwm !== null ? 'VmHWM' : 'sampled',
  };
}

/** runs the import benchmark of one engine in a child process; figures as bench/run.ts prints them */
export async function runImportBench(kind: 'pglite' | 'postgres', pgUrl: string | null = null): Promise<Figures> {
  const self = fileURLToPath(import.meta.url);
  const root = path.resolve(path.dirname(self), '..');
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'jinguo-bench-import-'));
  const child = async (step: 'prepare' | 'child') => {
    const proc = spawn(process.execPath, ['--import', 'tsx', '--expose-gc', self, step, kind, pgUrl ?? '', scratch], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    proc.stdout.on('data', (c: Buffer) => (out += c.toString()));
    const code = await new Promise<number | null>((resolve) => proc.once('exit', resolve));
    if (code !== 0) throw new Error(`import bench (${kind}, ${step}) exited with ${code}`);
    return out;
  };
  try {
    await child('prepare');
    const figures = JSON.parse((await child('child')).trim().split('\n').pop()!) as Figures;
    log(`${kind}: ${figures.import_rows.toLocaleString()} activity rows imported in ${figures.import_100k_ms} ms, peak RSS ${figures.import_peak_rss_mb} MB (+${figures.import_rss_growth_mb} MB during the import)`);
    return figures;
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/** on its own (node --import tsx bench/imports.ts [pglite|postgres|both]): both engines, a throwaway PostgreSQL */
async function standalone(which: string): Promise<Record<string, Figures>> {
  const out: Record<string, Figures> = {};
  if (which !== 'postgres') out.pglite = await runImportBench('pglite');
  if (which !== 'pglite') {
    const pgHandle = await startThrowawayPostgres({ log });
    try {
      out.postgres = await runImportBench('postgres', pgHandle.url);
    } finally {
      await pgHandle.stop();
    }
  }
  return out;
}

if (fileURLToPath(import.meta.url) === path.resolve(process.argv[1] ?? '')) {
  const [step, kind, pgUrl, scratch] = process.argv.slice(2);
  const run =
    step === 'prepare'
      ? prepare(kind, pgUrl || null, scratch).then(() => ({}))
      : step === 'child'
        ? measure(kind, pgUrl || null, scratch)
        : standalone(step ?? 'both');
  run
    .then((f) => process.stdout.write(`${JSON.stringify(f)}\n`))
    .catch((err) => {
      process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exit(1);
    });
}
