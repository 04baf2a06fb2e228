import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './database.ts';
import { acquireDirectoryLock, type DirectoryLock } from './directory-lock.ts';

const DATE_OID = 1082;
const INT8_OID = 20;
const NUMERIC_OID = 1700;

/** dates stay 'YYYY-MM-DD' strings; counts and sums come back as numbers */
const parsers: Record<number, (value: string) => unknown> = {
  [DATE_OID]: (v) => v,
  [INT8_OID]: (v) => Number(v),
  [NUMERIC_OID]: (v) => Number(v),
};

export type DatabaseHandle = {
  db: Kysely<Database>;
  kind: 'pglite' | 'postgres';
  close: () => Promise<void>;
};

export function pgliteDirectory(dataDir: string): string {
  return path.join(dataDir, 'pglite');
}

/** a PGlite instance with the extensions and parsers the schema needs (also for dumps and restores) */
export function createPglite(opts: { dataDir: string; loadDataDir?: Blob }): Promise<PGlite> {
  return PGlite.create({ dataDir: opts.dataDir, extensions: { pg_trgm }, parsers, loadDataDir: opts.loadDataDir });
}

export async function openPglite(dataDir: string, opts: { lock?: boolean } = {}): Promise<DatabaseHandle> {
  fs.mkdirSync(dataDir, { recursive: true });
  const lock: DirectoryLock | null = opts.lock === false ? null : acquireDirectoryLock(dataDir);
  try {
    const pglite = await createPglite({ dataDir: pgliteDirectory(dataDir) });
    const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) });
    return {
      db,
      kind: 'pglite',
      close: async () => {
        await db.destroy();
        lock?.release();
      },
    };
  } catch (err) {
    lock?.release();
    throw err;
  }
}

export function openPostgres(url: string, opts: { max?: number } = {}): DatabaseHandle {
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.max ?? 10,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        parsers[oid] ?? pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // an idle client losing its server must not crash the process; the next query reports the error
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, kind: 'postgres', close: () => db.destroy() };
}

export async function openDatabase(cfg: { databaseUrl?: string; dataDir: string }): Promise<DatabaseHandle> {
  return cfg.databaseUrl ? openPostgres(cfg.databaseUrl) : openPglite(cfg.dataDir);
}
