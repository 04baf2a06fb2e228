import { sql, type Insertable, type Updateable } from 'kysely';
import type { DocTemplatesTable } from '../../db/database.ts';
import { subtreePattern, type Db } from '../../http/access.ts';

/** shipped defaults (no owner), and templates owned by an org above the actor's, at it or in its subtree */
export function visibleTemplatesQuery(db: Db, actorPath: string) {
  return db
    .selectFrom('doc_templates as t')
    .leftJoin('orgs as o', 'o.id', 't.owner_org_id')
    .where((eb) =>
      eb.or([
        eb('t.owner_org_id', 'is', null),
        eb('o.path', 'like', subtreePattern(actorPath)),
        eb(sql.val(actorPath), 'like', sql<string>`o.path || '%'`),
      ]),
    )
    .selectAll('t')
    .select(['o.name as ownerName', 'o.path as ownerPath']);
}
export type TemplateRow = NonNullable<Awaited<ReturnType<ReturnType<typeof visibleTemplatesQuery>['executeTakeFirst']>>>;

export async function insertTemplate(trx: Db, row: Insertable<DocTemplatesTable>) {
  await trx.insertInto('doc_templates').values(row).execute();
}

export async function updateTemplateRow(trx: Db, id: string, patch: Updateable<DocTemplatesTable>) {
  await trx.updateTable('doc_templates').set(patch).where('id', '=', id).execute();
}
