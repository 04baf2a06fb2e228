import type { Insertable, Updateable } from 'kysely';
import type { DocumentsTable } from '../../db/database.ts';
import { joinOrgInSubtree, type Db } from '../../http/access.ts';

/** documents of orgs in the subtree at `orgPath`, with their org and template names */
function documentsInSubtree(db: Db, q: { provinceCode: string; orgPath: string }) {
  return joinOrgInSubtree(db.selectFrom('documents as d').where('d.province_code', '=', q.provinceCode), { on: 'd.org_id', path: q.orgPath })
    .innerJoin('doc_templates as t', 't.id', 'd.template_id');
}

const summaryColumns = ['d.id', 'd.province_code', 'd.org_id', 'o.name as org_name', 'o.path as org_path', 'd.template_id', 't.name as template_name', 'd.period', 'd.title', 'd.updated_at'] as const;

export function listDocumentRows(db: Db, q: { provinceCode: string; orgPath: string; period?: string }, page: { page: number; pageSize: number }) {
  let base = documentsInSubtree(db, q);
  if (q.period) base = base.where('d.period', '=', q.period);
  return Promise.all([
    base.select(summaryColumns).orderBy('d.updated_at', 'desc').orderBy('d.id', 'desc').limit(page.pageSize).offset((page.page - 1) * page.pageSize).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
}

export function findDocumentRow(db: Db, scope: { provinceCode: string; orgPath: string }, id: string, opts: { lock?: boolean } = {}) {
  const q = documentsInSubtree(db, scope)
    .select([...summaryColumns, 'd.issuer', 'd.issue_date', 'd.sections', 'd.figures', 'd.created_by'])
    .where('d.id', '=', id);
  return (opts.lock ? q.forUpdate('d') : q).executeTakeFirst();
}
export type DocumentRow = NonNullable<Awaited<ReturnType<typeof findDocumentRow>>>;

export async function insertDocument(trx: Db, row: Insertable<DocumentsTable>) {
  await trx.insertInto('documents').values(row).execute();
}

export async function updateDocumentRow(trx: Db, key: { provinceCode: string; id: string }, patch: Updateable<DocumentsTable>) {
  await trx.updateTable('documents').set(patch).where('province_code', '=', key.provinceCode).where('id', '=', key.id).execute();
}

export async function deleteDocumentRow(trx: Db, key: { provinceCode: string; id: string }) {
  await trx.deleteFrom('documents').where('province_code', '=', key.provinceCode).where('id', '=', key.id).execute();
}
