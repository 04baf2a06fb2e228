// npm start [-- server args]: build the web app and the server when their sources are newer than web/dist and
// server/dist, then run the server,
// forwarding signals to it and exiting with its exit code.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildServerIfStale, SERVER_ARGS } from './build-server.mjs';
import { isStale } from './lib/mtimes.mjs';
import { exitCodeOfSignal, runCommand, runForwardingSignals } from './lib/processes.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const WEB = path.join(ROOT, 'web');
const DIST_STAMP = path.join(WEB, 'dist', 'index.html'); // rewritten by every build
const WEB_INPUTS = [
  path.join(WEB, 'src'),
  path.join(WEB, 'public'),
  path.join(WEB, 'index.html'),
  path.join(WEB, 'vite.config.ts'),
  path.join(ROOT, 'common', 'src'),
];
const SERVER_ENTRY = path.join('server', 'src', 'main.ts');

/** why the web app cannot be built yet, or null */
function webBuildUnavailable() {
  let pkg;
  try {
    pkg = JSON.parse(fs.readFileSync(path.join(WEB, 'package.json'), 'utf8'));
  } catch {
    return 'web/package.json is missing';
  }
  if (!pkg.scripts?.build) return 'web/package.json has no build script';
  if (!fs.existsSync(path.join(WEB, 'index.html'))) return 'web/index.html is missing';
  return null;
}

async function buildWebIfStale() {
  if (!isStale(DIST_STAMP, WEB_INPUTS)) return;
  const unavailable = webBuildUnavailable();
  if (unavailable) {
    console.error(`start: not building the web app (${unavailable}); serving the API only`);
    return;
  }
  console.error(fs.existsSync(DIST_STAMP) ? 'start: rebuilding the web app (sources changed)' : 'start: building the web app (web/dist is missing)');
  const { code } = await runCommand('npm', ['run', 'build', '-w', 'web'], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  if (code !== 0) {
    console.error(`start: the web build failed (exit ${code})`);
    process.exit(code);
  }
}

async function main() {
  process.chdir(ROOT);
  await buildWebIfStale();
  if (!fs.existsSync(SERVER_ENTRY)) {
    console.error(`start: ${SERVER_ENTRY} does not exist`);
    process.exit(1);
  }
  if (await buildServerIfStale()) console.error('start: built the server (server/dist)');
  const { code, signal } = await runForwardingSignals(process.execPath, [...SERVER_ARGS, ...process.argv.slice(2)], {
    cwd: ROOT,
  });
  if (signal) {
    // die of the same signal, so that a parent shell sees what happened to the server
    process.kill(process.pid, signal);
    setTimeout(() => process.exit(exitCodeOfSignal(signal)), 1000);
    return;
  }
  process.exit(code ?? 1);
}

main().catch((err) => {
  console.error(`start: ${err.stack ?? err.message}`);
  process.exit(1);
});
