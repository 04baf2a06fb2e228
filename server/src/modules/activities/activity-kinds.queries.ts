import type { Insertable, Updateable } from 'kysely';
import type { ActivityKindsTable } from '../../db/database.ts';
import { ownedByAncestorOrSystem, type Db, type Trx } from '../../http/access.ts';

/**
 * Activity kinds are a reference table: system kinds (no owner) and kinds an org added for its subtree. Kinds
 * visible from an org path are the system ones and those owned by an ancestor-or-self of that org.
 */
function visibleKindsQuery(db: Db, orgPath: string) {
  return db
    .selectFrom('activity_kinds as k')
    .leftJoin('orgs as owner', 'owner.id', 'k.owner_org_id')
    .where(ownedByAncestorOrSystem(orgPath, { ownerId: 'k.owner_org_id', ownerPath: 'owner.path' }))
    .select(['k.code', 'k.name', 'k.participant_unit', 'k.owner_org_id', 'k.sort', 'k.active']);
}

export type KindRow = Awaited<ReturnType<typeof listVisibleKinds>>[number];

export function listVisibleKinds(db: Db, orgPath: string) {
  return visibleKindsQuery(db, orgPath).orderBy('k.sort').orderBy('k.code').execute();
}

export function findVisibleKind(db: Db, orgPath: string, code: string) {
  return visibleKindsQuery(db, orgPath).where('k.code', '=', code).executeTakeFirst();
}

export function findVisibleKindsByCode(db: Db, orgPath: string, codes: string[]) {
  return visibleKindsQuery(db, orgPath).where('k.code', 'in', codes).execute();
}

export function findVisibleKindByName(db: Db, orgPath: string, name: string) {
  return visibleKindsQuery(db, orgPath).where('k.name', '=', name).executeTakeFirst();
}

export async function insertKind(trx: Trx, row: Insertable<ActivityKindsTable>) {
  await trx.insertInto('activity_kinds').values(row).execute();
}

export async function updateKind(trx: Trx, code: string, changes: Updateable<ActivityKindsTable>) {
  await trx.updateTable('activity_kinds').set(changes).where('code', '=', code).execute();
}
