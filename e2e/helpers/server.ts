// The real server for one test file: `node scripts/start.mjs` (it builds the web app when web/dist is missing or
// older than its sources, then starts the server) on a fresh data directory and a free port, with the demo
// county seeded at first start. The demo logins are read from what the server prints.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** strong by the server's rule (10+ characters, three classes, not containing the user name): the seed refuses a weak one */
export const ADMIN_PASSWORD = 'Heshun-E2e#2025';

export type DemoLogin = { username: string; password: string; orgName: string; roleLabel: string };
export type RunningServer = {
  baseUrl: string;
  login: (username: string) => DemoLogin;
  /** true when web/dist was rebuilt after the server started: pages loaded before then ask for chunks that are gone */
  webBuildChanged: () => boolean;
  /** what the server has printed so far (warnings and errors: LOG_LEVEL=warn) */
  output: () => string;
  stop: () => Promise<void>;
};

const STARTUP_MS = 110_000;
const WEB_BUILD_STAMP = path.join(ROOT, 'web', 'dist', 'index.html');
const STOP_GRACE_MS = 10_000;

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** lines like `  admin        <password>  和顺县妇联 管理员` after the "演示账号" line */
export function parseDemoLogins(output: string): Map<string, DemoLogin> {
  const logins = new Map<string, DemoLogin>();
  const start = output.indexOf('演示账号');
  if (start < 0) return logins;
  for (const line of output.slice(start).split('\n').slice(1)) {
    const m = /^ {2}(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s*$/.exec(line);
    if (!m) {
      if (logins.size > 0) break;
      continue;
    }
    logins.set(m[1], { username: m[1], password: m[2], orgName: m[3], roleLabel: m[4] });
  }
  return logins;
}

/** what Vitest puts into process.env for the tests: NODE_ENV=test would make Vite build React's development bundle */
const TEST_RUNNER_VARIABLES = /^(VITEST.*|TEST|NODE_ENV|MODE|DEV|PROD|SSR|BASE_URL)$/;

function serverEnv(dataDir: string, port: number): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([key]) => !TEST_RUNNER_VARIABLES.test(key)));
  Object.assign(env, {
    NODE_ENV: 'production',
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    JINGUO_ADMIN_PASSWORD: ADMIN_PASSWORD,
    LOG_LEVEL: 'warn',
  });
  // always the embedded database in a fresh directory, whatever the calling shell has set
  delete env.DATABASE_URL;
  delete env.JINGUO_DATA_KEY;
  return env;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

function stampOf(file: string): number | null {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return null;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** pids whose parent is `pid` (start.mjs runs the server in a process group of its own) */
export function childPids(pid: number): number[] {
  const found: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // the command name may contain spaces: the fields after its closing parenthesis are fixed
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) found.push(Number(entry));
    } catch {
      // the process has gone meanwhile
    }
  }
  return found;
}

function killGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // already gone
  }
}

async function waitForHealth(baseUrl: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + STARTUP_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the server exited (${child.exitCode ?? child.signalCode}) before it answered:\n${output().slice(-4000)}`);
    }
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(300);
  }
  throw new Error(`the server did not answer /api/health within ${STARTUP_MS / 1000} s:\n${output().slice(-4000)}`);
}

export async function startServer(): Promise<RunningServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jinguo-e2e-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: ROOT,
    env: serverEnv(dataDir, port),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));

  const stop = async () => {
    const groups = child.pid ? childPids(child.pid) : [];
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await Promise.race([exited(child), sleep(STOP_GRACE_MS)]);
    }
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    for (const pgid of groups) killGroup(pgid, 'SIGKILL');
    await exited(child);
    fs.rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    await waitForHealth(baseUrl, child, () => output);
    // the logins are printed just after listen(): give the pipe a moment
    let logins = parseDemoLogins(output);
    for (let i = 0; i < 50 && logins.size < 3; i++) {
      await sleep(100);
      logins = parseDemoLogins(output);
    }
    if (logins.size < 3) throw new Error(`the demo logins were not printed:\n${output.slice(-4000)}`);
    const login = (username: string) => {
      const l = logins.get(username);
      if (!l) throw new Error(`no demo login ${username} (have ${[...logins.keys()].join(', ')})`);
      return l;
    };
    const builtAt = stampOf(WEB_BUILD_STAMP);
    return { baseUrl, login, webBuildChanged: () => stampOf(WEB_BUILD_STAMP) !== builtAt, output: () => output, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
