import type { Insertable, Transaction } from 'kysely';
import type { Database } from '../db/database.ts';

/** multi-row inserts of at most ~30,000 parameters each (PostgreSQL takes 65,535 per statement) */
export async function insertInChunks<T extends keyof Database & string>(trx: Transaction<Database>, table: T, rows: Insertable<Database[T]>[]): Promise<void> {
  if (rows.length === 0) return;
  const size = Math.max(1, Math.floor(30_000 / Object.keys(rows[0]).length));
  for (let i = 0; i < rows.length; i += size) {
    // Kysely cannot type the values of a table chosen by a type parameter
    await trx.insertInto(table).values(rows.slice(i, i + size) as any).execute();
  }
}
