import { sql, type Insertable, type Updateable } from 'kysely';
import type { ActivityKindsTable } from '../../db/database.ts';
import type { Db } from '../../http/access.ts';

/**
 * Activity kinds are a reference table: system kinds (no owner) and kinds an org added for its subtree. Kinds
 * visible from an org path are the system ones and those owned by an ancestor-or-self of that org.
 */
function visibleKindsQuery(db: Db, orgPath: string) {
  return db
    .selectFrom('activity_kinds as k')
    .leftJoin('orgs as owner', 'owner.id', 'k.owner_org_id')
    .where((eb) => eb.or([eb('k.owner_org_id', 'is', null), eb(sql.val(orgPath), 'like', sql<string>`owner.path || '%'`)]))
    .select(['k.code', 'k.name', 'k.participant_unit', 'k.owner_org_id', 'k.sort', 'k.active']);
}

export type KindRow = Awaited<ReturnType<typeof listVisibleKinds>>[number];

export function listVisibleKinds(db: Db, orgPath: string) {
  return visibleKindsQuery(db, orgPath).orderBy('k.sort').orderBy('k.code').execute();
}

export function findVisibleKind(db: Db, orgPath: string, code: string) {
  return visibleKindsQuery(db, orgPath).where('k.code', '=', code).executeTakeFirst();
}

export function findVisibleKindByName(db: Db, orgPath: string, name: string) {
  return visibleKindsQuery(db, orgPath).where('k.name', '=', name).executeTakeFirst();
}

export async function insertKind(trx: Db, row: Insertable<ActivityKindsTable>) {
  await trx.insertInto('activity_kinds').values(row).execute();
}

export async function updateKind(trx: Db, code: string, changes: Updateable<ActivityKindsTable>) {
  await trx.updateTable('activity_kinds').set(changes).where('code', '=', code).execute();
}
