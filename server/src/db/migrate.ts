import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql, type Kysely } from 'kysely';

const migrationsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/** numbered plain-SQL files, applied in order, each in its own transaction, recorded by name; forward only */
export function listMigrations(): { name: string; sql: string }[] {
  return fs
    .readdirSync(migrationsDir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((name) => ({ name, sql: fs.readFileSync(path.join(migrationsDir, name), 'utf8') }));
}

/** app processes starting together (a rolling deploy) take turns; the lock is a transaction's, so pgbouncer is fine */
const lockMigrations = (trx: Kysely<any>) => sql`select pg_advisory_xact_lock(hashtext('jinguo.migrations'))`.execute(trx);

export async function applyMigrations(db: Kysely<any>): Promise<string[]> {
  await db.transaction().execute(async (trx) => {
    await lockMigrations(trx);
    await sql`create table if not exists schema_migrations (
      name text primary key,
      applied_at timestamptz not null default now()
    )`.execute(trx);
  });
  const applied: string[] = [];
  for (const m of listMigrations()) {
    const done = await db.transaction().execute(async (trx) => {
      await lockMigrations(trx);
      // another process may have applied it while this one waited for the lock
      if (await trx.selectFrom('schema_migrations').select('name').where('name', '=', m.name).executeTakeFirst()) return true;
      for (const statement of splitStatements(m.sql)) await sql.raw(statement).execute(trx);
      await trx.insertInto('schema_migrations').values({ name: m.name }).execute();
      return false;
    });
    if (!done) applied.push(m.name);
  }
  return applied;
}

/**
 * Splits a script into statements (PGlite's prepared queries take one at a time). Understands -- comments,
 * quoted strings and $$-quoted bodies, which is all our migrations use.
 */
export function splitStatements(script: string): string[] {
  const out: string[] = [];
  let current = '';
  let i = 0;
  while (i < script.length) {
    const ch = script[i];
    if (ch === '-' && script[i + 1] === '-') {
      const end = script.indexOf('\n', i);
      i = end === -1 ? script.length : end + 1;
      continue;
    }
    if (ch === "'" || ch === '"') {
      const end = script.indexOf(ch, i + 1);
      const stop = end === -1 ? script.length : end + 1;
      current += script.slice(i, stop);
      i = stop;
      continue;
    }
    if (ch === '$' && script[i + 1] === '$') {
      const end = script.indexOf('$$', i + 2);
      const stop = end === -1 ? script.length : end + 2;
      current += script.slice(i, stop);
      i = stop;
      continue;
    }
    if (ch === ';') {
      if (current.trim()) out.push(current.trim());
      current = '';
      i++;
      continue;
    }
    current += ch;
    i++;
  }
  if (current.trim()) out.push(current.trim());
  return out;
}
