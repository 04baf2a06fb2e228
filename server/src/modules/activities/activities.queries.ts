import type { Insertable, Updateable } from 'kysely';
import type { ActivitiesTable } from '../../db/database.ts';
import { containsPattern } from '../../db/like.ts';
import { pageOf } from '../../db/paging.ts';
import { joinOrgInSubtree, type Db, type Trx } from '../../http/access.ts';

/**
 * Activity queries. Every read goes from the orgs of a subtree (path prefix) to their activities through the
 * covering index activities (org_id, date); single rows are found by (province_code, id), the primary key.
 */
export type ActivityFilter = {
  provinceCode: string;
  orgPath: string;
  from?: string;
  /** first day not included */
  toExclusive?: string;
  /** not empty */
  kindCodes?: string[];
  titleContains?: string;
  /** only the activities of this org itself (本级) */
  ownOrgId?: string;
};

const activityColumns = [
  'a.id',
  'a.province_code',
  'a.org_id',
  'o.name as org_name',
  'o.path as org_path',
  'a.kind_code',
  'k.name as kind_name',
  'k.participant_unit',
  'a.title',
  'a.date',
  'a.place',
  'a.participants',
  'a.notes',
  'a.created_by',
  'a.updated_at',
] as const;

function activitiesInSubtree(db: Db, provinceCode: string, orgPath: string) {
  return joinOrgInSubtree(db.selectFrom('activities as a').where('a.province_code', '=', provinceCode), { on: 'a.org_id', path: orgPath });
}

function filteredActivities(db: Db, f: ActivityFilter) {
  let q = activitiesInSubtree(db, f.provinceCode, f.orgPath);
  if (f.from) q = q.where('a.date', '>=', f.from);
  if (f.toExclusive) q = q.where('a.date', '<', f.toExclusive);
  if (f.kindCodes) q = q.where('a.kind_code', 'in', f.kindCodes);
  if (f.titleContains) q = q.where('a.title', 'ilike', containsPattern(f.titleContains));
  if (f.ownOrgId) q = q.where('a.org_id', '=', f.ownOrgId);
  return q;
}

export type ActivityRow = NonNullable<Awaited<ReturnType<typeof findActivityInSubtree>>>;

export function findActivityInSubtree(db: Db, scope: { provinceCode: string; orgPath: string }, id: string, opts: { lock?: boolean } = {}) {
  const q = activitiesInSubtree(db, scope.provinceCode, scope.orgPath)
    .innerJoin('activity_kinds as k', 'k.code', 'a.kind_code')
    .select(activityColumns)
    .where('a.id', '=', id);
  return (opts.lock ? q.forUpdate('a') : q).executeTakeFirst();
}

function newestFirst(base: ReturnType<typeof filteredActivities>) {
  return base.innerJoin('activity_kinds as k', 'k.code', 'a.kind_code').select(activityColumns).orderBy('a.date', 'desc').orderBy('a.id', 'desc');
}

/** one page of the filtered activities, newest first (the compiled SQL is kept as a snapshot beside the tests) */
export function activityPageQuery(db: Db, f: ActivityFilter, page: { limit: number; offset: number }) {
  return newestFirst(filteredActivities(db, f)).limit(page.limit).offset(page.offset);
}

export function listActivityPage(db: Db, f: ActivityFilter, page: { page: number; pageSize: number }) {
  return pageOf(filteredActivities(db, f), newestFirst, page);
}

export async function listParticipantIds(db: Db, provinceCode: string, activityIds: string[]) {
  if (activityIds.length === 0) return [];
  return db
    .selectFrom('activity_participants')
    .select(['activity_id', 'person_id'])
    .where('province_code', '=', provinceCode)
    .where('activity_id', 'in', activityIds)
    .orderBy('person_id')
    .execute();
}

export async function listAttachmentsOf(db: Db, provinceCode: string, activityIds: string[]) {
  if (activityIds.length === 0) return [];
  return db
    .selectFrom('attachments')
    .select(['id', 'activity_id', 'kind', 'file_name', 'mime_type', 'size_bytes', 'storage_key'])
    .where('province_code', '=', provinceCode)
    .where('activity_id', 'in', activityIds)
    .orderBy('id')
    .execute();
}

/** the ids among `ids` of persons of the province whose org lies in the subtree */
export async function findPersonIdsInSubtree(db: Db, scope: { provinceCode: string; orgPath: string }, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const persons = db.selectFrom('persons as p').where('p.province_code', '=', scope.provinceCode).where('p.id', 'in', ids);
  const rows = await joinOrgInSubtree(persons, { on: 'p.org_id', path: scope.orgPath }).select('p.id').execute();
  return rows.map((r) => r.id);
}

export async function insertActivity(trx: Trx, row: Insertable<ActivitiesTable>) {
  await trx.insertInto('activities').values(row).execute();
}

export async function updateActivityRow(trx: Trx, key: { provinceCode: string; id: string }, changes: Updateable<ActivitiesTable>) {
  await trx.updateTable('activities').set(changes).where('province_code', '=', key.provinceCode).where('id', '=', key.id).execute();
}

/** deletes the activity; its participants and attachment rows go with it (on delete cascade) */
export async function deleteActivityRow(trx: Trx, key: { provinceCode: string; id: string }) {
  await trx.deleteFrom('activities').where('province_code', '=', key.provinceCode).where('id', '=', key.id).execute();
}

export async function replaceParticipants(trx: Trx, key: { provinceCode: string; id: string }, personIds: string[]) {
  await trx.deleteFrom('activity_participants').where('province_code', '=', key.provinceCode).where('activity_id', '=', key.id).execute();
  if (personIds.length === 0) return;
  await trx
    .insertInto('activity_participants')
    .values(personIds.map((person_id) => ({ province_code: key.provinceCode, activity_id: key.id, person_id })))
    .execute();
}

/** the kind of the activity the user created last among those dated on or after `since` in the subtree */
export async function findLastKindRecordedBy(db: Db, scope: { provinceCode: string; orgPath: string }, userId: string, since: string) {
  const row = await activitiesInSubtree(db, scope.provinceCode, scope.orgPath)
    .select('a.kind_code')
    .where('a.created_by', '=', userId)
    .where('a.date', '>=', since)
    .orderBy('a.created_at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.kind_code ?? null;
}
