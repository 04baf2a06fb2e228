import { sql, type Kysely } from 'kysely';
import type { Database } from './database.ts';

const EVERY_MS = 6 * 3_600_000;

/**
 * PGlite runs PostgreSQL without its autovacuum daemon, so nothing refreshes the planner's statistics: a table
 * never analysed is planned as if it held a row or two (a county's activity list took 90 ms instead of 15 on the
 * demo data). ANALYZE once the app is up and every six hours after; PostgreSQL servers do this themselves.
 */
export function startPgliteMaintenance(db: Kysely<Database>, log: (err: unknown) => void): () => void {
  const analyze = () => sql`analyze`.execute(db).catch(log);
  void analyze();
  const timer = setInterval(() => void analyze(), EVERY_MS).unref();
  return () => clearInterval(timer);
}
