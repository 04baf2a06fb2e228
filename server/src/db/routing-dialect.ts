import {
  PostgresAdapter,
  PostgresDialect,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type QueryCompiler,
  type TransactionSettings,
} from 'kysely';
import type pg from 'pg';
import { currentReadContext, markDown, usable, type Replica } from './replicas.ts';

type CompileQuery = QueryCompiler['compileQuery'];

export type RoutingOptions = {
  primary: pg.Pool;
  replicas: Replica[];
  maxLagSeconds: number;
  onAcquire?: (target: 'primary' | 'replica') => void;
};

/**
 * One Kysely over a primary and its streaming replicas. A connection comes from a replica only when the current
 * request asked for one (see replicas.ts) and a replica is up and not too far behind; a replica that cannot be
 * reached is marked down and the primary serves instead, so reads survive a stopped replica.
 */
class RoutingDriver implements Driver {
  readonly #primary: Driver;
  readonly #replicas: { replica: Replica; driver: Driver }[];
  readonly #owner = new WeakMap<DatabaseConnection, Driver>();
  #next = 0;

  constructor(private readonly opts: RoutingOptions) {
    this.#primary = new PostgresDialect({ pool: opts.primary }).createDriver();
    this.#replicas = opts.replicas.map((replica) => ({ replica, driver: new PostgresDialect({ pool: replica.pool }).createDriver() }));
  }

  async init() {
    await this.#primary.init();
    for (const r of this.#replicas) await r.driver.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const ctx = currentReadContext();
    if (ctx?.preferReplica) {
      const candidates = this.#replicas.filter((r) => usable(r.replica, this.opts.maxLagSeconds));
      for (let i = 0; i < candidates.length; i++) {
        const { replica, driver } = candidates[(this.#next + i) % candidates.length];
        try {
          const conn = await driver.acquireConnection();
          this.#next++;
          return this.#own(conn, driver, 'replica');
        } catch (err) {
          markDown(replica, err);
        }
      }
    }
    return this.#own(await this.#primary.acquireConnection(), this.#primary, 'primary');
  }

  #own(conn: DatabaseConnection, driver: Driver, target: 'primary' | 'replica') {
    this.#owner.set(conn, driver);
    const ctx = currentReadContext();
    if (ctx && ctx.servedBy !== 'primary') ctx.servedBy = target;
    this.opts.onAcquire?.(target);
    return conn;
  }

  #driverOf(conn: DatabaseConnection): Driver {
    return this.#owner.get(conn) ?? this.#primary;
  }

  beginTransaction(conn: DatabaseConnection, settings: TransactionSettings) {
    return this.#driverOf(conn).beginTransaction(conn, settings);
  }

  commitTransaction(conn: DatabaseConnection) {
    return this.#driverOf(conn).commitTransaction(conn);
  }

  rollbackTransaction(conn: DatabaseConnection) {
    return this.#driverOf(conn).rollbackTransaction(conn);
  }

  savepoint(conn: DatabaseConnection, name: string, compile: CompileQuery) {
    return this.#driverOf(conn).savepoint!(conn, name, compile);
  }

  rollbackToSavepoint(conn: DatabaseConnection, name: string, compile: CompileQuery) {
    return this.#driverOf(conn).rollbackToSavepoint!(conn, name, compile);
  }

  releaseSavepoint(conn: DatabaseConnection, name: string, compile: CompileQuery) {
    return this.#driverOf(conn).releaseSavepoint!(conn, name, compile);
  }

  releaseConnection(conn: DatabaseConnection) {
    return this.#driverOf(conn).releaseConnection(conn);
  }

  async destroy() {
    await this.#primary.destroy();
    for (const r of this.#replicas) await r.driver.destroy();
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
