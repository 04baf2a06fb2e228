import type { Insertable, Updateable } from 'kysely';
import type { ImportJobsTable } from '../../db/database.ts';
import { joinOrgInSubtree, type Db } from '../../http/access.ts';

/** Import job rows: found through the actor's subtree (the job's org), by (province_code, id). */
const jobColumns = [
  'j.province_code',
  'j.id',
  'j.org_id',
  'j.kind',
  'j.status',
  'j.file_name',
  'j.storage_key',
  'j.sheet_name',
  'j.header_row',
  'j.headers',
  'j.mapping',
  'j.total_rows',
  'j.imported_rows',
  'j.error_count',
  'j.errors',
  'j.runner_id',
  'j.created_by',
  'j.created_at',
  'j.started_at',
  'j.finished_at',
] as const;

export type ImportJobRow = NonNullable<Awaited<ReturnType<typeof findJobInSubtree>>>;

export async function insertJob(db: Db, row: Insertable<ImportJobsTable>): Promise<void> {
  await db.insertInto('import_jobs').values(row).execute();
}

export function findJobInSubtree(db: Db, scope: { provinceCode: string; orgPath: string }, id: string) {
  const q = db.selectFrom('import_jobs as j').where('j.province_code', '=', scope.provinceCode).where('j.id', '=', id);
  return joinOrgInSubtree(q, { on: 'j.org_id', path: scope.orgPath }).select(jobColumns).executeTakeFirst();
}

/** the latest jobs of the subtree, newest first */
export function listRecentJobs(db: Db, scope: { provinceCode: string; orgPath: string; kind?: string }, limit: number) {
  let q = db.selectFrom('import_jobs as j').where('j.province_code', '=', scope.provinceCode);
  if (scope.kind) q = q.where('j.kind', '=', scope.kind as ImportJobsTable['kind']);
  return joinOrgInSubtree(q, { on: 'j.org_id', path: scope.orgPath }).select(jobColumns).orderBy('j.created_at', 'desc').orderBy('j.id', 'desc').limit(limit).execute();
}

export async function updateJob(db: Db, key: { provinceCode: string; id: string }, changes: Updateable<ImportJobsTable>): Promise<void> {
  await db.updateTable('import_jobs').set(changes).where('province_code', '=', key.provinceCode).where('id', '=', key.id).execute();
}

/** moves a job from one state to another; false when it was no longer in `from` (another request took it) */
export async function claimJob(db: Db, key: { provinceCode: string; id: string }, from: 'uploaded' | 'running', changes: Updateable<ImportJobsTable>) {
  const res = await db
    .updateTable('import_jobs')
    .set(changes)
    .where('province_code', '=', key.provinceCode)
    .where('id', '=', key.id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
