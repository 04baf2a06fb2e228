import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { applyMigrations } from '../db/migrate.ts';
import { openPglite, openPostgres, pgliteDirectory, type DatabaseHandle } from '../db/open.ts';

/**
 * One fresh database per test file. PGlite: copy a data directory prepared once per run (creating one costs
 * seconds). PostgreSQL (JINGUO_TEST_DB=postgres): create a database from a migrated template database.
 */
export const testDbKind = (): 'pglite' | 'postgres' => (process.env.JINGUO_TEST_DB === 'postgres' ? 'postgres' : 'pglite');

const cacheDir = () => path.resolve(process.env.JINGUO_TEST_CACHE ?? path.join(os.tmpdir(), 'jinguo-test-cache'));
const TEMPLATE_DB = 'jinguo_test_template';

function adminUrl(): string {
  const url = process.env.JINGUO_TEST_PG_URL;
  if (!url) throw new Error('JINGUO_TEST_PG_URL is not set: run the suite with npm test, which starts PostgreSQL');
  return url;
}

/** the URL of another database on the same cluster */
export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** one statement on the cluster of `url`, outside any transaction (CREATE and DROP DATABASE cannot run in one) */
export async function onCluster(url: string, statement: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** an empty database `name` on the cluster of `url` (replacing one of that name); its URL */
export async function recreateDatabase(url: string, name: string): Promise<string> {
  await onCluster(url, `drop database if exists ${name}`);
  await onCluster(url, `create database ${name}`);
  return withDatabase(url, name);
}

/** run once per test run (vitest globalSetup): build the migrated templates */
export async function prepareTemplates(kind: 'pglite' | 'postgres' = testDbKind()): Promise<void> {
  if (kind === 'postgres') {
    const handle = openPostgres(await recreateDatabase(adminUrl(), TEMPLATE_DB), { max: 1 });
    await applyMigrations(handle.db);
    await handle.close();
    return;
  }
  const templateDir = path.join(cacheDir(), 'pglite-template');
  fs.rmSync(templateDir, { recursive: true, force: true });
  fs.mkdirSync(cacheDir(), { recursive: true });
  const building = `${templateDir}.${process.pid}`;
  const handle = await openPglite(building, { lock: false });
  await applyMigrations(handle.db);
  await handle.close();
  try {
    fs.renameSync(building, templateDir);
  } catch (err) {
    // another worker finished first: use its template
    fs.rmSync(building, { recursive: true, force: true });
    if (!fs.existsSync(templateDir)) throw err;
  }
}

export type TestDatabase = DatabaseHandle & { dataDir: string };

/** a database with a directory of its own (uploads, keys), removed when it closes */
export function withScratchDir(handle: DatabaseHandle, dataDir: string): TestDatabase {
  return {
    ...handle,
    dataDir,
    close: async () => {
      await handle.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function freshDatabase(): Promise<TestDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jinguo-test-'));
  if (testDbKind() === 'postgres') {
    const name = `t_${crypto.randomBytes(6).toString('hex')}`;
    await onCluster(adminUrl(), `create database ${name} template ${TEMPLATE_DB}`);
    const handle = openPostgres(withDatabase(adminUrl(), name), { max: 4 });
    return {
      ...handle,
      dataDir,
      close: async () => {
        await handle.close();
        await onCluster(adminUrl(), `drop database if exists ${name} with (force)`).catch(() => {});
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const templateDir = path.join(cacheDir(), 'pglite-template');
  if (!fs.existsSync(templateDir)) await prepareTemplates('pglite');
  fs.cpSync(pgliteDirectory(templateDir), pgliteDirectory(dataDir), { recursive: true });
  // the template's migrations are current; apply any newer ones (none in a normal run)
  const handle = await openPglite(dataDir, { lock: false });
  await applyMigrations(handle.db);
  return withScratchDir(handle, dataDir);
}
