import { AsyncLocalStorage } from 'node:async_hooks';
import type pg from 'pg';

export type ReplicaStatus = {
  /** host:port/database, never the credentials */
  name: string;
  /** unknown until the first check: an unchecked replica serves nothing */
  state: 'unknown' | 'up' | 'lagging' | 'down';
  /** seconds behind the primary (0 when it has replayed everything the primary wrote) */
  lagSeconds: number | null;
  lagBytes: number | null;
  /** the primary's WAL it has replayed, as PostgreSQL writes it ('16/B374D848') */
  replayLsn: string | null;
  checkedAt: string | null;
  error: string | null;
};

export type Replica = { name: string; pool: pg.Pool; status: ReplicaStatus };

/**
 * Where the queries of the current request may go. A request starts on the primary; the HTTP layer lets the
 * read-only routes (dashboards, lists, exports) prefer a replica once it knows the request writes nothing. A
 * browser that wrote carries the primary's WAL position after its write (`minLsn`): only a replica that has
 * replayed that far may serve it. The first replica a request uses serves all its queries, so they all see one
 * moment of the data.
 */
export type ReadContext = {
  preferReplica: boolean;
  minLsn: bigint | null;
  replica: Replica | null;
  servedBy: 'primary' | 'replica' | null;
};

const readContexts = new AsyncLocalStorage<ReadContext>();

export function runWithReadContext<T>(ctx: ReadContext, fn: () => T): T {
  return readContexts.run(ctx, fn);
}

export const currentReadContext = (): ReadContext | undefined => readContexts.getStore();

/** '16/B374D848' → a number to compare; null when it is not an LSN */
export function parseLsn(text: string | null | undefined): bigint | null {
  const m = /^([0-9A-Fa-f]{1,8})\/([0-9A-Fa-f]{1,8})$/.exec(text ?? '');
  return m ? (BigInt(`0x${m[1]}`) << 32n) + BigInt(`0x${m[2]}`) : null;
}

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
  return { name, pool, status: { name, state: 'unknown', lagSeconds: null, lagBytes: null, replayLsn: null, checkedAt: null, error: null } };
}

export function usable(r: Replica, minLsn: bigint | null): boolean {
  if (r.status.state !== 'up') return false;
  if (minLsn === null) return true;
  const replayed = parseLsn(r.status.replayLsn);
  return replayed !== null && replayed >= minLsn;
}

export function markDown(r: Replica, err: unknown) {
  r.status = { ...r.status, state: 'down', error: err instanceof Error ? err.message : String(err), checkedAt: new Date().toISOString() };
}

/** pg-pool's answer when every connection of a pool is busy for its whole wait: a full pool, not a dead server */
export function isPoolBusy(r: Replica, err: unknown): boolean {
  return err instanceof Error && err.message.startsWith('timeout exceeded when trying to connect') && r.pool.totalCount >= (r.pool.options.max ?? 10);
}

/**
 * The end of the WAL the primary has inserted: past every commit made so far, even one whose WAL is not written
 * out yet (synchronous_commit = off), so a replica that has replayed this far shows all of them.
 */
export async function primaryLsn(primary: pg.Pool): Promise<string> {
  return (await primary.query<{ lsn: string }>('select pg_current_wal_insert_lsn()::text as lsn')).rows[0].lsn;
}

/**
 * Lag as PostgreSQL measures it: bytes of WAL a replica has not replayed yet, and the age of its last replayed
 * transaction — counted only while something is outstanding (an idle primary makes that age grow without lag).
 * When the primary itself does not answer, the replicas keep their last status.
 */
export async function checkReplicas(primary: pg.Pool, replicas: Replica[], maxLagSeconds: number): Promise<ReplicaStatus[]> {
  let lsn: string;
  try {
    lsn = await primaryLsn(primary);
  } catch {
    return replicas.map((r) => r.status);
  }
  return Promise.all(replicas.map((r) => checkReplica(r, lsn, maxLagSeconds)));
}

async function checkReplica(r: Replica, primaryLsnText: string, maxLagSeconds: number): Promise<ReplicaStatus> {
  const checkedAt = new Date().toISOString();
  try {
    const { rows: [s] } = await r.pool.query<{ recovering: boolean; replay: string | null; bytes: string | null; seconds: string | null }>(
      `select pg_is_in_recovery() as recovering,
              pg_last_wal_replay_lsn()::text as replay,
              pg_wal_lsn_diff($1::pg_lsn, pg_last_wal_replay_lsn())::text as bytes,
              extract(epoch from now() - pg_last_xact_replay_timestamp())::text as seconds`,
      [primaryLsnText],
    );
    if (!s.recovering) throw new Error('不是只读副本（pg_is_in_recovery = false）');
    const lagBytes = Math.max(0, Number(s.bytes ?? 0));
    // after an idle spell the last replayed transaction is old although nothing was behind: a replica caught up
    // at the previous check is behind by at most the time since then
    const caughtUpAt = r.status.lagBytes === 0 && r.status.checkedAt ? Date.parse(r.status.checkedAt) : null;
    const sinceCaughtUp = caughtUpAt === null ? Infinity : (Date.parse(checkedAt) - caughtUpAt) / 1000;
    const lagSeconds = lagBytes === 0 ? 0 : Math.min(Math.max(0, Number(s.seconds ?? 0)), sinceCaughtUp);
    const state = lagSeconds > maxLagSeconds ? 'lagging' : 'up';
    r.status = { name: r.name, state, lagSeconds, lagBytes, replayLsn: s.replay, checkedAt, error: null };
  } catch (err) {
    markDown(r, err);
  }
  return r.status;
}
