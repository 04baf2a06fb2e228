import { sql, type Kysely } from 'kysely';
import type { Database } from './database.ts';

const FIRST_VACUUM_MS = 5 * 60_000;
const EVERY_MS = 6 * 3_600_000;

/**
 * PGlite runs PostgreSQL without its autovacuum daemon: nothing refreshes the planner's statistics (a table never
 * analysed is planned as if it held a row or two — a county's activity list took 90 ms instead of 15 on the demo
 * data) and nothing marks pages all-visible (so the covering indexes never serve index-only scans) or reclaims dead
 * rows. ANALYZE as soon as the app is up (fast); VACUUM (ANALYZE) five minutes later, off the start, and every six
 * hours. PGlite runs one statement at a time, so requests wait while it runs: 0.7 s on the demo county the first
 * time, 0.15 s after. PostgreSQL servers do all this themselves.
 */
export function startPgliteMaintenance(db: Kysely<Database>, log: (err: unknown) => void): () => void {
  const run = (statement: 'analyze' | 'vacuum') =>
    (statement === 'analyze' ? sql`analyze` : sql`vacuum (analyze)`).execute(db).catch(log);
  void run('analyze');
  const first = setTimeout(() => void run('vacuum'), FIRST_VACUUM_MS).unref();
  const every = setInterval(() => void run('vacuum'), EVERY_MS).unref();
  return () => {
    clearTimeout(first);
    clearInterval(every);
  };
}
