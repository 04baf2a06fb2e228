import { AsyncLocalStorage } from 'node:async_hooks';
import type pg from 'pg';

/**
 * Where the queries of the current request may go. A request starts on the primary; the HTTP layer lets the
 * read-only routes (dashboards, lists, exports) prefer a replica once it knows the request writes nothing.
 */
export type ReadContext = { preferReplica: boolean; servedBy: 'primary' | 'replica' | null };

const readContexts = new AsyncLocalStorage<ReadContext>();

export function runWithReadContext<T>(ctx: ReadContext, fn: () => T): T {
  return readContexts.run(ctx, fn);
}

export const currentReadContext = (): ReadContext | undefined => readContexts.getStore();

export type ReplicaStatus = {
  /** host:port/database, never the credentials */
  name: string;
  state: 'up' | 'lagging' | 'down';
  /** seconds behind the primary (0 when it has replayed everything the primary wrote) */
  lagSeconds: number | null;
  lagBytes: number | null;
  checkedAt: string | null;
  error: string | null;
};

export type Replica = { name: string; pool: pg.Pool; status: ReplicaStatus };

export function describeDatabaseUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '5432'}${u.pathname}`;
  } catch {
    return 'replica';
  }
}

export function newReplica(url: string, pool: pg.Pool): Replica {
  const name = describeDatabaseUrl(url);
  return { name, pool, status: { name, state: 'up', lagSeconds: null, lagBytes: null, checkedAt: null, error: null } };
}

export const usable = (r: Replica, maxLagSeconds: number) =>
  r.status.state !== 'down' && (r.status.lagSeconds === null || r.status.lagSeconds <= maxLagSeconds);

export function markDown(r: Replica, err: unknown) {
  r.status = { ...r.status, state: 'down', error: err instanceof Error ? err.message : String(err), checkedAt: new Date().toISOString() };
}

/**
 * Lag as PostgreSQL measures it: bytes of WAL a replica has not replayed yet, and the age of its last replayed
 * transaction — counted only while something is outstanding (an idle primary makes that age grow without lag).
 * When the primary itself does not answer, the replicas keep their last status.
 */
export async function checkReplicas(primary: pg.Pool, replicas: Replica[], maxLagSeconds: number): Promise<ReplicaStatus[]> {
  let primaryLsn: string;
  try {
    primaryLsn = (await primary.query<{ lsn: string }>('select pg_current_wal_lsn()::text as lsn')).rows[0].lsn;
  } catch {
    return replicas.map((r) => r.status);
  }
  return Promise.all(replicas.map((r) => checkReplica(r, primaryLsn, maxLagSeconds)));
}

async function checkReplica(r: Replica, primaryLsn: string, maxLagSeconds: number): Promise<ReplicaStatus> {
  const checkedAt = new Date().toISOString();
  try {
    const { rows: [s] } = await r.pool.query<{ recovering: boolean; bytes: string | null; seconds: string | null }>(
      `select pg_is_in_recovery() as recovering,
              pg_wal_lsn_diff($1::pg_lsn, pg_last_wal_replay_lsn())::text as bytes,
              extract(epoch from now() - pg_last_xact_replay_timestamp())::text as seconds`,
      [primaryLsn],
    );
    if (!s.recovering) throw new Error('不是只读副本（pg_is_in_recovery = false）');
    const lagBytes = Math.max(0, Number(s.bytes ?? 0));
    const lagSeconds = lagBytes === 0 ? 0 : Math.max(0, Number(s.seconds ?? 0));
    r.status = { name: r.name, state: lagSeconds > maxLagSeconds ? 'lagging' : 'up', lagSeconds, lagBytes, checkedAt, error: null };
  } catch (err) {
    markDown(r, err);
  }
  return r.status;
}
