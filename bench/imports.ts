import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../server/src/db/database.ts';
import { applyMigrations } from '../server/src/db/migrate.ts';
import { openPglite, openPostgres, type DatabaseHandle } from '../server/src/db/open.ts';
import { recreateDatabase, withDatabase } from '../server/src/test/fresh-db.ts';
import { TEST_PASSWORD, unsafeInsertOrg, unsafeInsertUser, type TestOrg } from '../server/src/test/factories.ts';
import { signIn, startAppProcess } from '../server/src/test/operations/app-process.ts';
import { startThrowawayPostgres } from '../scripts/pg-throwaway.mjs';
import { log, round } from './timing.ts';

/**
 * Issue 5's import figures: 100,000 activity rows of one .xlsx (a county's ledger: 10 townships × 20 villages,
 * the year 2025, the system's kinds) imported through the API — upload, the proposed mapping, start, polls until
 * done — on PGlite and on PostgreSQL, into a county that already holds 50,000 activities of the same year (the
 * duplicate check reads them). The county and the file are prepared first; then the real server is started on
 * that database, as `npm start` starts it after a restart (its ANALYZE of PGlite included), and the peak RSS of
 * its process (VmHWM, reset just before the upload; sampled every 10 ms where it cannot be reset) is taken during
 * the import: for PGlite that includes the embedded database, for PostgreSQL only the app's process.
 * Goals: ≤ 10 s and ≤ 500 MB.
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
  /** the peak above the server's RSS just before the upload */
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

/** the RSS of another process: now, and its peak from now on (VmHWM once reset, else sampled every 10 ms) */
function watchMemory(pid: number) {
  const mb = (field: 'VmRSS' | 'VmHWM') => {
    const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  };
  let reset = true;
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
  } catch {
    reset = false;
  }
  const before = mb('VmRSS');
  let sampled = before;
  const timer = setInterval(() => (sampled = Math.max(sampled, mb('VmRSS'))), 10);
  return {
    before: round(before),
    now: () => round(mb('VmRSS')),
    stop() {
      clearInterval(timer);
      const hwm = reset ? mb('VmHWM') : NaN;
      return { peak: round(Number.isNaN(hwm) ? sampled : Math.max(hwm, sampled)), how: Number.isNaN(hwm) ? 'sampled' : 'VmHWM' };
    },
  };
}

const benchDatabaseUrl = (pgUrl: string) => withDatabase(pgUrl, 'bench_import');
const dataDirOf = (scratch: string) => path.join(scratch, 'db');

function openEngine(kind: string, pgUrl: string | null, scratch: string): Promise<DatabaseHandle> | DatabaseHandle {
  return kind === 'pglite' ? openPglite(dataDirOf(scratch), { lock: false }) : openPostgres(benchDatabaseUrl(pgUrl!), { max: 4 });
}

/** a county with 50,000 activities and the ledger file, left in `scratch` */
async function prepare(kind: string, pgUrl: string | null, scratch: string): Promise<string> {
  if (kind === 'postgres') await recreateDatabase(pgUrl!, 'bench_import');
  const h = await openEngine(kind, pgUrl, scratch);
  await applyMigrations(h.db);
  const { county, villages } = await buildCounty(h.db);
  await preloadActivities(h.db, villages);
  const kinds = (await h.db.selectFrom('activity_kinds').select('name').where('owner_org_id', 'is', null).where('active', '=', true).execute()).map((k) => k.name);
  await unsafeInsertUser(h.db, { username: 'bench_admin', org: county, role: 'admin' });
  const file = path.join(scratch, 'ledger.xlsx');
  await writeLedger(file, villages, kinds);
  await h.close();
  return file;
}

/** the server started on the prepared database; the import timed from upload to done */
async function measure(kind: string, pgUrl: string | null, scratch: string, file: string): Promise<Figures> {
  const env: Record<string, string> = { DATA_DIR: dataDirOf(scratch), JINGUO_DATA_KEY: crypto.randomBytes(32).toString('base64') };
  if (kind === 'postgres') env.DATABASE_URL = benchDatabaseUrl(pgUrl!);
  const server = await startAppProcess({ env });
  try {
    const session = await signIn(server.baseUrl, 'bench_admin', TEST_PASSWORD);
    // PGlite runs slower for its first queries while WebAssembly warms up (and the ANALYZE after start runs)
    for (let i = 0; i < 100; i++) await session.get('/api/imports');
    const data = fs.readFileSync(file);
    const memory = watchMemory(server.pid);
    const t0 = performance.now();
    const form = new FormData();
    form.append('file', new Blob([data], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }), 'ledger.xlsx');
    const up = await fetch(`${server.baseUrl}/api/imports?kind=activities`, { method: 'POST', headers: session.headers, body: form });
    if (up.status !== 200) throw new Error(`upload: ${up.status} ${await up.text()}`);
    const job = (await up.json()) as { id: string; mapping: Record<string, number | null> };
    const start = await session.post(`/api/imports/${job.id}/start`, { mapping: job.mapping });
    if (start.status !== 200) throw new Error(`start: ${start.status} ${await start.text()}`);
    log(`${kind}: uploaded in ${round(performance.now() - t0)} ms`);
    let state: { status: string; phase: string | null; imported: number; errors: unknown[] };
    let phase: string | null = null;
    do {
      await new Promise((r) => setTimeout(r, 50));
      state = (await (await session.get(`/api/imports/${job.id}`)).json()) as typeof state;
      if (state.phase !== phase) log(`${kind}: ${(phase = state.phase) ?? 'done'} from ${round(performance.now() - t0)} ms, RSS ${memory.now()} MB`);
    } while (state.status === 'running');
    const ms = round(performance.now() - t0);
    const { peak, how } = memory.stop();
    if (state.status !== 'succeeded' || state.imported !== ROWS) throw new Error(`import ended ${state.status}: ${JSON.stringify(state.errors).slice(0, 300)}`);
    return {
      import_rows: ROWS,
      import_file_mb: round(data.length / 1024 / 1024),
      import_100k_ms: ms,
      import_peak_rss_mb: peak,
      import_rss_growth_mb: round(peak - memory.before),
      import_rss_how: how,
    };
  } finally {
    await server.kill();
  }
}

/** runs the import benchmark of one engine; figures as bench/run.ts prints them */
export async function runImportBench(kind: 'pglite' | 'postgres', pgUrl: string | null = null): Promise<Figures> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'jinguo-bench-import-'));
  try {
    const file = await prepare(kind, pgUrl, scratch);
    const figures = await measure(kind, pgUrl, scratch, file);
    log(`${kind}: ${figures.import_rows.toLocaleString()} activity rows imported in ${figures.import_100k_ms} ms, server's peak RSS ${figures.import_peak_rss_mb} MB (+${figures.import_rss_growth_mb} MB during the import)`);
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
  standalone(process.argv[2] ?? 'both')
    .then((f) => process.stdout.write(`${JSON.stringify(f)}\n`))
    .catch((err) => {
      process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exit(1);
    });
}
