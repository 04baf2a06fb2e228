import {
  PostgresAdapter,
  PostgresDialect,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type QueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';
import type pg from 'pg';
import { isLostServer } from './connection-errors.ts';
import { currentReadContext, isPoolBusy, markDown, usable, type ReadContext, type Replica } from './replicas.ts';

type CompileQuery = QueryCompiler['compileQuery'];

export type RoutingOptions = {
  primary: pg.Pool;
  replicas: Replica[];
  onAcquire?: (target: 'primary' | 'replica') => void;
};

/** errors after which a read is answered by the primary: the replica is gone, too slow, or cancelled the query */
function replicaFailed(err: unknown): { retry: boolean; down: boolean } {
  if ((err as { code?: string }).code === '40001') return { retry: true, down: false }; // conflict with recovery: the replica is fine
  return isLostServer(err) ? { retry: true, down: true } : { retry: false, down: false };
}

/**
 * A replica's connection that hands a failed read to the primary (outside transactions), so a replica stopping,
 * freezing (its query times out) or cancelling a query while it replays costs the user nothing but time.
 */
class ReplicaConnection implements DatabaseConnection {
  inTransaction = false;

  constructor(
    readonly inner: DatabaseConnection,
    readonly replica: Replica,
    private readonly primary: Driver,
    private readonly ctx: ReadContext,
  ) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    try {
      return await this.inner.executeQuery<R>(query);
    } catch (err) {
      const failed = replicaFailed(err);
      if (!failed.retry || this.inTransaction) throw err;
      if (failed.down) markDown(this.replica, err);
      this.ctx.preferReplica = false;
      this.ctx.servedBy = 'primary';
      const conn = await this.primary.acquireConnection();
      try {
        return await conn.executeQuery<R>(query);
      } finally {
        await this.primary.releaseConnection(conn);
      }
    }
  }

  streamQuery<R>(query: CompiledQuery, chunkSize: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(query, chunkSize);
  }
}

/**
 * One Kysely over a primary and its streaming replicas. A connection comes from a replica only when the current
 * request asked for one (see replicas.ts) and a replica is up, not too far behind and has replayed the browser's
 * own last write; the request keeps that replica for all its queries. A replica that cannot be reached is marked
 * down and the primary serves instead; a replica whose pool is merely full serves this request from the primary.
 */
class RoutingDriver implements Driver {
  readonly #primary: Driver;
  readonly #replicas: Map<Replica, Driver>;
  #next = 0;

  constructor(private readonly opts: RoutingOptions) {
    this.#primary = new PostgresDialect({ pool: opts.primary }).createDriver();
    this.#replicas = new Map(opts.replicas.map((r) => [r, new PostgresDialect({ pool: r.pool }).createDriver()]));
  }

  async init() {
    await this.#primary.init();
    for (const d of this.#replicas.values()) await d.init();
  }

  #chooseReplica(ctx: ReadContext): Replica | null {
    if (ctx.replica) return usable(ctx.replica, ctx.minLsn) ? ctx.replica : null;
    const candidates = this.opts.replicas.filter((r) => usable(r, ctx.minLsn));
    return candidates.length ? candidates[this.#next++ % candidates.length] : null;
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const ctx = currentReadContext();
    if (ctx?.preferReplica) {
      const replica = this.#chooseReplica(ctx);
      if (replica) {
        try {
          const conn = await this.#replicas.get(replica)!.acquireConnection();
          ctx.replica = replica;
          if (ctx.servedBy !== 'primary') ctx.servedBy = 'replica';
          this.opts.onAcquire?.('replica');
          return new ReplicaConnection(conn, replica, this.#primary, ctx);
        } catch (err) {
          if (!isPoolBusy(replica, err)) markDown(replica, err);
        }
      }
      // the rest of the request stays on the primary: its queries see one moment of the data
      ctx.preferReplica = false;
    }
    if (ctx) ctx.servedBy = 'primary';
    this.opts.onAcquire?.('primary');
    return this.#primary.acquireConnection();
  }

  #route(conn: DatabaseConnection): { driver: Driver; conn: DatabaseConnection } {
    if (conn instanceof ReplicaConnection) return { driver: this.#replicas.get(conn.replica)!, conn: conn.inner };
    return { driver: this.#primary, conn };
  }

  beginTransaction(conn: DatabaseConnection, settings: TransactionSettings) {
    if (conn instanceof ReplicaConnection) conn.inTransaction = true;
    const r = this.#route(conn);
    return r.driver.beginTransaction(r.conn, settings);
  }

  commitTransaction(conn: DatabaseConnection) {
    if (conn instanceof ReplicaConnection) conn.inTransaction = false;
    const r = this.#route(conn);
    return r.driver.commitTransaction(r.conn);
  }

  rollbackTransaction(conn: DatabaseConnection) {
    if (conn instanceof ReplicaConnection) conn.inTransaction = false;
    const r = this.#route(conn);
    return r.driver.rollbackTransaction(r.conn);
  }

  savepoint(conn: DatabaseConnection, name: string, compile: CompileQuery) {
    const r = this.#route(conn);
    return r.driver.savepoint!(r.conn, name, compile);
  }

  rollbackToSavepoint(conn: DatabaseConnection, name: string, compile: CompileQuery) {
    const r = this.#route(conn);
    return r.driver.rollbackToSavepoint!(r.conn, name, compile);
  }

  releaseSavepoint(conn: DatabaseConnection, name: string, compile: CompileQuery) {
    const r = this.#route(conn);
    return r.driver.releaseSavepoint!(r.conn, name, compile);
  }

  releaseConnection(conn: DatabaseConnection) {
    const r = this.#route(conn);
    return r.driver.releaseConnection(r.conn);
  }

  async destroy() {
    await this.#primary.destroy();
    for (const d of this.#replicas.values()) await d.destroy();
  }
}

export function routingDialect(opts: RoutingOptions): Dialect {
  return {
    createDriver: () => new RoutingDriver(opts),
    createAdapter: () => new PostgresAdapter(),
    createQueryCompiler: () => new PostgresQueryCompiler(),
    createIntrospector: (db) => new PostgresIntrospector(db),
  };
}
