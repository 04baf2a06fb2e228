import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.ts';

/**
 * A fingerprint of every table of the public schema: md5 of its ordered rows. A refused request must leave
 * every fingerprint as it was — audit_log included. Only sessions.last_seen_at is left out: reading with a
 * session touches it.
 */
const IGNORED_COLUMNS: Record<string, string[]> = { sessions: ['last_seen_at'] };

export type Checksum = Record<string, string>;

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

let cachedStatement: { db: Kysely<Database>; text: string } | null = null;

async function checksumStatement(db: Kysely<Database>): Promise<string> {
  if (cachedStatement?.db === db) return cachedStatement.text;
  const { rows } = await sql<{ table_name: string; columns: string[] }>`
    select c.table_name, array_agg(c.column_name::text order by c.ordinal_position) as columns
    from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
    group by c.table_name
    order by c.table_name`.execute(db);
  const parts = rows.map(({ table_name: table, columns }) => {
    const kept = columns.filter((c) => !(IGNORED_COLUMNS[table] ?? []).includes(c)).map((c) => `t.${quoteIdent(c)}`);
    const row = `row(${kept.join(', ')})::text`;
    return `select '${table}' as name, md5(coalesce(string_agg(${row}, '|' order by ${row}), '')) as sum from ${quoteIdent(table)} t`;
  });
  const text = parts.join('\nunion all\n');
  cachedStatement = { db, text };
  return text;
}

export async function tableChecksums(db: Kysely<Database>): Promise<Checksum> {
  const { rows } = await sql<{ name: string; sum: string }>`${sql.raw(await checksumStatement(db))}`.execute(db);
  return Object.fromEntries(rows.map((r) => [r.name, r.sum]));
}

/** the tables whose rows differ between two fingerprints */
export function changedTables(before: Checksum, after: Checksum): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((n) => before[n] !== after[n]).sort();
}
