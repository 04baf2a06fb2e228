import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { buildServerIfStale, SERVER_ARGS } from '../../../../scripts/build-server.mjs';
import { freePort, parseDemoLogins, type DemoLogin } from '../../../../e2e/helpers/server.ts';
import { openPglite, openPostgres, type DatabaseHandle } from '../../db/open.ts';
import { onCluster, testDbKind, withDatabase } from '../fresh-db.ts';

const ROOT = fileURLToPath(new URL('../../../..', import.meta.url));
export const ADMIN_PASSWORD = 'Heshun-Fault#2026';

/**
 * The real server as a process of its own (the bundle npm start runs), on the suite's database engine: a data
 * directory for PGlite, a database of its own on the suite's PostgreSQL. It can be killed with SIGKILL at any
 * moment and started again on the same data; the database can be opened directly between two runs.
 */
export type AppProcessData = {
  env: Record<string, string>;
  /** open the database directly (only while no app process runs on a PGlite directory) */
  open: () => Promise<DatabaseHandle>;
  remove: () => Promise<void>;
};

export async function newAppData(): Promise<AppProcessData> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jinguo-fault-'));
  const key = crypto.randomBytes(32).toString('base64');
  if (testDbKind() === 'pglite') {
    return {
      env: { DATA_DIR: dataDir, JINGUO_DATA_KEY: key },
      open: () => openPglite(dataDir),
      remove: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const admin = process.env.JINGUO_TEST_PG_URL!;
  const name = `fault_${crypto.randomBytes(5).toString('hex')}`;
  await onCluster(admin, `create database ${name}`);
  const url = withDatabase(admin, name);
  return {
    env: { DATA_DIR: dataDir, DATABASE_URL: url, JINGUO_DATA_KEY: key },
    open: async () => openPostgres(url, { max: 2 }),
    remove: async () => {
      await onCluster(admin, `drop database if exists ${name} with (force)`).catch(() => {});
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type AppProcess = { baseUrl: string; pid: number; logins: Map<string, DemoLogin>; kill: () => Promise<void> };

const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise<void>((r) => child.once('exit', () => r()));

export async function startAppProcess(data: Pick<AppProcessData, 'env'>): Promise<AppProcess> {
  const port = await freePort();
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(VITEST.*|TEST|NODE_ENV|JINGUO_TEST_.*)$/.test(k)));
  delete env.DATABASE_URL;
  await buildServerIfStale();
  const child = spawn(process.execPath, SERVER_ARGS, {
    cwd: ROOT,
    env: { ...env, ...data.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', JINGUO_ADMIN_PASSWORD: ADMIN_PASSWORD },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const kill = async () => {
    child.kill('SIGKILL');
    await exited(child);
  };
  const deadline = Date.now() + 120_000;
  while (!output.includes('已启动')) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await kill();
      throw new Error(`the app did not start:\n${output.slice(-3000)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await new Promise((r) => setTimeout(r, 200)); // the logins follow the first line
  return { baseUrl: `http://127.0.0.1:${port}`, pid: child.pid!, logins: parseDemoLogins(output), kill };
}

/** a signed-in browser without the browser: the session cookie and the CSRF token */
export async function signIn(baseUrl: string, username: string, password: string) {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const me = (await (await fetch(`${baseUrl}/api/auth/me`, { headers: { cookie } })).json()) as { csrfToken: string };
  const headers = { cookie, 'x-csrf-token': me.csrfToken };
  return {
    get: (url: string) => fetch(`${baseUrl}${url}`, { headers }),
    post: (url: string, body?: unknown) =>
      fetch(`${baseUrl}${url}`, {
        method: 'POST',
        headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    headers,
  };
}

/**
 * A table lock held from a connection of the test's own (PostgreSQL), and a way to see the app's write wait for
 * it: a kill then is certain to land inside the app's transaction.
 */
export async function holdTableLock(url: string, table: string, mode: 'access exclusive' | 'share') {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => {});
  await client.connect();
  await client.query('begin');
  await client.query(`lock table ${table} in ${mode} mode`);
  return {
    async waitForBlockedWriter() {
      for (let i = 0; i < 1200; i++) {
        const { rows } = await client.query(
          `select count(*)::int as n from pg_stat_activity
           where datname = current_database() and pid <> pg_backend_pid() and wait_event_type = 'Lock'`,
        );
        if (rows[0].n > 0) return;
        await new Promise((r) => setTimeout(r, 25));
      }
      throw new Error(`no write of the app waited for the lock on ${table}`);
    },
    async release() {
      await client.query('rollback');
      await client.end();
    },
  };
}

/** after a kill -9, the app's backends may still be finishing (or committing what reached them): wait them out */
export async function waitForOtherBackendsToEnd(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (let i = 0; i < 400; i++) {
      const { rows } = await client.query(
        `select count(*)::int as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`,
      );
      if (rows[0].n === 0) return;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error("the killed app's database sessions did not end");
  } finally {
    await client.end();
  }
}
