// npm test [-- vitest args]: Chromium and fonts, a throwaway PostgreSQL 15 (unless JINGUO_TEST_NO_PG=1),
// one Vitest run over every project, then — always as the last line — `N passed, N failed[, N skipped]`
// computed from Vitest's JSON report. Exits with Vitest's exit code (non-zero when anything failed).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureTestTools } from './ensure-test-tools.mjs';
import { exitCodeOfSignal, isAlive, runForwardingSignals } from './lib/processes.mjs';
import { formatSummary, summarizeVitestReport } from './lib/vitest-summary.mjs';
import { startThrowawayPostgres, stopAllThrowawayPostgres } from './pg-throwaway.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const REPORT_FILE = '.vitest-report.json';
const SETUP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];
const RUN_DIR_PREFIX = 'jinguo-test-run-';

let runDir = null;
let cleaning = null;
const cleanup = () =>
  (cleaning ??= stopAllThrowawayPostgres()
    .catch((err) => console.error(`test: could not stop PostgreSQL: ${err.message}`))
    .finally(() => runDir && fs.rmSync(runDir, { recursive: true, force: true })));

/** before Vitest runs, a signal ends the run at once (after removing what was started) */
function onSetupSignal(signal) {
  console.error(`test: ${signal} during setup, cleaning up`);
  cleanup().finally(() => process.exit(exitCodeOfSignal(signal)));
}

/** run directories of runs killed before they could clean up (their pglite templates are tens of MB) */
function removeDeadRunDirs() {
  for (const name of fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith(RUN_DIR_PREFIX))) {
    const dir = path.join(os.tmpdir(), name);
    try {
      const pid = Number(fs.readFileSync(path.join(dir, 'owner.pid'), 'utf8'));
      if (pid > 0 && isAlive(pid)) continue;
      fs.rmSync(dir, { recursive: true, force: true });
    } catch {
      // no owner file yet (a run starting now) or not ours to read: leave it
    }
  }
}

const wantsPostgres = () => !['1', 'true', 'yes'].includes((process.env.JINGUO_TEST_NO_PG ?? '').toLowerCase());

async function prepareEnvironment() {
  process.env.TZ = 'UTC'; // also the zone initdb gives the PostgreSQL cluster
  const env = { ...process.env, TZ: 'UTC' };
  env.JINGUO_CHROMIUM = await ensureTestTools();
  // a template directory of this run's own: concurrent runs (and a developer's npx vitest) do not clobber it
  removeDeadRunDirs();
  runDir = fs.mkdtempSync(path.join(os.tmpdir(), RUN_DIR_PREFIX));
  fs.writeFileSync(path.join(runDir, 'owner.pid'), String(process.pid));
  env.JINGUO_TEST_CACHE = runDir;
  if (!wantsPostgres()) {
    delete env.JINGUO_TEST_PG_URL;
    console.error('test: JINGUO_TEST_NO_PG set: server tests run on PGlite only');
  } else if (env.JINGUO_TEST_PG_URL) {
    console.error('test: using the PostgreSQL server given in JINGUO_TEST_PG_URL');
  } else {
    const pg = await startThrowawayPostgres();
    console.error(`test: throwaway PostgreSQL on 127.0.0.1:${pg.port} (${pg.dir})`);
    env.JINGUO_TEST_PG_URL = pg.url;
  }
  return env;
}

function readReport(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/** the closing line and the exit code, from the report and Vitest's own exit */
function conclude(report, vitestExitCode, interruptedBy) {
  const notes = [];
  let counts = report ? summarizeVitestReport(report) : { passed: 0, failed: 1, skipped: 0 };
  if (!report) notes.push(`Vitest wrote no readable ${REPORT_FILE}: counted as one failure`);
  else if (vitestExitCode !== 0 && counts.failed === 0) {
    notes.push(`Vitest exited with code ${vitestExitCode} without a failing test (an error outside tests, or no test file matched): counted as one failure`);
    counts = { ...counts, failed: 1 };
  }
  if (interruptedBy) notes.push(`interrupted by ${interruptedBy}`);
  let exitCode = vitestExitCode;
  if (interruptedBy) exitCode = exitCodeOfSignal(interruptedBy);
  else if (counts.failed > 0 && exitCode === 0) exitCode = 1;
  return { notes, line: formatSummary(counts), exitCode };
}

async function main() {
  process.chdir(ROOT);
  for (const s of SETUP_SIGNALS) process.on(s, onSetupSignal);
  let env;
  try {
    env = await prepareEnvironment();
  } catch (err) {
    console.error(`test: setup failed: ${err.message}`);
    await cleanup();
    process.exit(1);
  }
  for (const s of SETUP_SIGNALS) process.off(s, onSetupSignal);

  fs.rmSync(REPORT_FILE, { force: true });
  const vitestArgs = ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${REPORT_FILE}`, ...process.argv.slice(2)];
  let interruptedBy = null;
  let vitestExitCode;
  try {
    const res = await runForwardingSignals('npx', vitestArgs, {
      env,
      cwd: ROOT,
      killAfterMs: 20_000,
      onSignal: (signal) => (interruptedBy = signal),
    });
    vitestExitCode = res.code ?? exitCodeOfSignal(res.signal);
  } catch (err) {
    console.error(`test: could not run Vitest: ${err.message}`);
    vitestExitCode = 1;
  }
  // a signal now must not cut the cleanup short (the next run would have to reap the cluster)
  for (const s of SETUP_SIGNALS) process.on(s, () => console.error('test: stopping PostgreSQL, one moment'));
  await cleanup();

  const { notes, line, exitCode } = conclude(readReport(REPORT_FILE), vitestExitCode, interruptedBy);
  for (const note of notes) console.log(`test: ${note}`);
  console.log(line);
  process.exit(exitCode);
}

main();
