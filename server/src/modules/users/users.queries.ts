import type { Insertable, Transaction, Updateable } from 'kysely';
import type { Database, UsersTable } from '../../db/database.ts';
import { pageOf } from '../../db/paging.ts';
import { joinOrgInSubtree, type Db } from '../../http/access.ts';

/** users of orgs under `scopePath`; the password hash is never selected */
function usersUnder(db: Db, scopePath: string) {
  return joinOrgInSubtree(db.selectFrom('users as u'), { on: 'u.org_id', path: scopePath });
}

const userColumns = [
  'u.id',
  'u.username',
  'u.display_name',
  'u.org_id',
  'o.name as org_name',
  'o.province_code',
  'u.role',
  'u.person_id',
  'u.disabled',
  'u.must_change_password',
  'u.locked_until',
  'u.last_login_at',
] as const;

export type UserRow = NonNullable<Awaited<ReturnType<typeof findUserUnder>>>;

export async function findUserUnder(db: Db, q: { id: string; scopePath: string }) {
  return usersUnder(db, q.scopePath).select(userColumns).where('u.id', '=', q.id).executeTakeFirst();
}

export async function listUsersUnder(db: Db, q: { scopePath: string; page: number; pageSize: number }) {
  return pageOf(usersUnder(db, q.scopePath), (b) => b.select(userColumns).orderBy('o.path').orderBy('u.username'), q);
}

export async function usernameTaken(db: Db, username: string): Promise<boolean> {
  const row = await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
  return Boolean(row);
}

export async function insertUser(trx: Transaction<Database>, values: Insertable<UsersTable>) {
  await trx.insertInto('users').values(values).execute();
}

export async function updateUserRow(trx: Transaction<Database>, id: string, values: Updateable<UsersTable> & { updated_at: Date }) {
  await trx
    .updateTable('users')
    .set(values)
    .where('id', '=', id)
    .execute();
}

export async function endSessionsOf(trx: Transaction<Database>, userId: string) {
  await trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
}
