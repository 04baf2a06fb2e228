import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './database.ts';
import { acquireDirectoryLock, type DirectoryLock } from './directory-lock.ts';
import { checkReplicas, newReplica, primaryLsn, type ReplicaStatus } from './replicas.ts';
import { routingDialect } from './routing-dialect.ts';

const DATE_OID = 1082;
const INT8_OID = 20;
const NUMERIC_OID = 1700;

/** dates stay 'YYYY-MM-DD' strings; counts and sums come back as numbers */
const parsers: Record<number, (value: string) => unknown> = {
  [DATE_OID]: (v) => v,
  [INT8_OID]: (v) => Number(v),
  [NUMERIC_OID]: (v) => Number(v),
};

export type PoolUse = { pool: string; total: number; idle: number; waiting: number };

/** what operations watch: connection pools, replicas and where connections went */
export type DatabaseObserver = {
  poolUse: () => PoolUse[];
  hasReplicas: boolean;
  /** the replicas as last checked (every 2 s) */
  replicaStatuses: () => ReplicaStatus[];
  /** checks every replica now (lag, reachability) */
  checkReplicas: () => Promise<ReplicaStatus[]>;
  /** the primary's WAL position now: a browser that just wrote reads only from replicas past it */
  primaryLsn: () => Promise<string>;
  connectionsServed: { primary: number; replica: number };
};

export type DatabaseHandle = {
  db: Kysely<Database>;
  kind: 'pglite' | 'postgres';
  observer: DatabaseObserver;
  close: () => Promise<void>;
};

const noReplicas = {
  hasReplicas: false,
  replicaStatuses: (): ReplicaStatus[] => [],
  checkReplicas: async (): Promise<ReplicaStatus[]> => [],
  primaryLsn: async () => '0/0',
};

export function pgliteDirectory(dataDir: string): string {
  return path.join(dataDir, 'pglite');
}

/**
 * PGlite's buffer cache is touched in full when it starts, so each of its megabytes is one of the process's
 * resident ones. 32MB instead of PostgreSQL's 128MB: the demo county under 50 users served as many requests as
 * fast with either (bench/load.ts), and the process stays under 500 MB while it imports a 100,000-row ledger
 * (bench/imports.ts); pages beyond it come from the operating system's file cache.
 */
export const PGLITE_DEFAULT_SHARED_BUFFERS = '32MB';

/** a PGlite instance with the extensions and parsers the schema needs (also for dumps and restores) */
export function createPglite(opts: { dataDir: string; loadDataDir?: Blob; sharedBuffers?: string }): Promise<PGlite> {
  return PGlite.create({
    dataDir: opts.dataDir,
    extensions: { pg_trgm },
    parsers,
    loadDataDir: opts.loadDataDir,
    // a start parameter, not `postgresqlconf`, which would replace the data directory's postgresql.conf
    startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${opts.sharedBuffers ?? PGLITE_DEFAULT_SHARED_BUFFERS}`],
  });
}

export async function openPglite(dataDir: string, opts: { lock?: boolean; sharedBuffers?: string } = {}): Promise<DatabaseHandle> {
  fs.mkdirSync(dataDir, { recursive: true });
  const lock: DirectoryLock | null = opts.lock === false ? null : acquireDirectoryLock(dataDir);
  try {
    const pglite = await createPglite({ dataDir: pgliteDirectory(dataDir), sharedBuffers: opts.sharedBuffers });
    const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) });
    return {
      db,
      kind: 'pglite',
      observer: { ...noReplicas, poolUse: () => [], connectionsServed: { primary: 0, replica: 0 } },
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

const pgTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    parsers[oid] ?? pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

function newPool(url: string, opts: { max: number; connectionTimeoutMillis: number; queryTimeoutMillis?: number }) {
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.max,
    connectionTimeoutMillis: opts.connectionTimeoutMillis,
    // a server that vanishes without closing its connections (a partition, a frozen machine) is noticed
    keepAlive: true,
    ...(opts.queryTimeoutMillis ? { query_timeout: opts.queryTimeoutMillis } : {}),
    types: pgTypes,
  });
  // a client losing its server (restart, failover) must not crash the process, whether it is idle in the pool
  // (the pool's 'error') or checked out between two queries (its own 'error'); the next query reports it
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  return pool;
}

const poolUse = (name: string, pool: pg.Pool): PoolUse => ({ pool: name, total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount });

export type PostgresOptions = {
  /** connections per pool (the primary's, and each replica's) */
  max?: number;
  /** streaming replicas for read-only requests (DATABASE_REPLICA_URL) */
  replicaUrls?: string[];
  /** a replica further behind than this serves nothing until it catches up */
  maxReplicaLagSeconds?: number;
  replicaCheckIntervalMs?: number;
  /** a replica's query unanswered for this long is handed to the primary (default 30 s) */
  replicaQueryTimeoutMs?: number;
};

export function openPostgres(url: string, opts: PostgresOptions = {}): DatabaseHandle {
  const max = opts.max ?? 10;
  // a server that does not answer fails the request (503) instead of queueing it for ever; a replica's read that
  // hangs is handed to the primary after 30 s
  const primary = newPool(url, { max, connectionTimeoutMillis: 5_000 });
  const replicas = (opts.replicaUrls ?? []).map((u) => newReplica(u, newPool(u, { max, connectionTimeoutMillis: 1_000, queryTimeoutMillis: opts.replicaQueryTimeoutMs ?? 30_000 })));
  const maxLagSeconds = opts.maxReplicaLagSeconds ?? 10;
  const connectionsServed = { primary: 0, replica: 0 };
  const dialect = replicas.length
    ? routingDialect({ primary, replicas, onAcquire: (t) => connectionsServed[t]++ })
    : new PostgresDialect({ pool: primary });
  const db = new Kysely<Database>({ dialect });
  const check = () => checkReplicas(primary, replicas, maxLagSeconds);
  // replicas serve nothing until checked: the first check starts now
  if (replicas.length) void check();
  const timer = replicas.length ? setInterval(() => void check(), opts.replicaCheckIntervalMs ?? 2_000).unref() : null;
  if (!replicas.length) primary.on('acquire', () => connectionsServed.primary++);
  return {
    db,
    kind: 'postgres',
    observer: {
      poolUse: () => [poolUse('primary', primary), ...replicas.map((r) => poolUse(r.name, r.pool))],
      hasReplicas: replicas.length > 0,
      replicaStatuses: () => replicas.map((r) => r.status),
      checkReplicas: check,
      primaryLsn: () => primaryLsn(primary),
      connectionsServed,
    },
    close: async () => {
      if (timer) clearInterval(timer);
      await db.destroy();
    },
  };
}

export async function openDatabase(cfg: {
  databaseUrl?: string;
  replicaUrls?: string[];
  maxReplicaLagSeconds?: number;
  poolSize?: number;
  dataDir: string;
  pgliteSharedBuffers?: string;
}): Promise<DatabaseHandle> {
  if (!cfg.databaseUrl) {
    if (cfg.replicaUrls?.length) throw new Error('DATABASE_REPLICA_URL 只能与 DATABASE_URL（PostgreSQL）一起使用');
    return openPglite(cfg.dataDir, { sharedBuffers: cfg.pgliteSharedBuffers });
  }
  return openPostgres(cfg.databaseUrl, { replicaUrls: cfg.replicaUrls, maxReplicaLagSeconds: cfg.maxReplicaLagSeconds, max: cfg.poolSize });
}
