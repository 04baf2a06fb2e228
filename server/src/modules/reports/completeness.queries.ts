import { sql, type Insertable } from 'kysely';
import type { RemindersTable } from '../../db/database.ts';
import { subtreePattern, type Db } from '../../http/access.ts';

/**
 * Completeness of one form and period over a subtree: the expected units (active federations of the respondent
 * depths, found by the orgs (depth, path) index) left-joined to their reports through reports_form_period_idx,
 * grouped by the child of the subtree's root each unit lies under ('' = the root itself). One query whatever the
 * size of the subtree.
 */
export type CompletenessScope = { path: string; provinceCode: string; formId: string; period: string; minDepth: number; maxDepth: number };

function expectedUnits(db: Db, q: CompletenessScope) {
  return db
    .selectFrom('orgs as o')
    .leftJoin('reports as r', (j) =>
      j.onRef('r.org_id', '=', 'o.id').on('r.province_code', '=', q.provinceCode).on('r.form_id', '=', q.formId).on('r.period', '=', q.period),
    )
    .where('o.depth', '>=', q.minDepth)
    .where('o.depth', '<=', q.maxDepth)
    .where('o.path', 'like', subtreePattern(q.path))
    .where('o.kind', '=', 'federation')
    .where('o.status', '=', 'active');
}

export type FigureRow = { segment: string; expected: number; submitted: number; onTime: number; approved: number; returned: number };

export function completenessBySegmentQuery(db: Db, q: CompletenessScope & { deadline: Date }) {
  const segment = sql<string>`split_part(substr(o.path, ${sql.lit(q.path.length + 1)}), '.', 1)`;
  return expectedUnits(db, q)
    .select([
      segment.as('segment'),
      sql<number>`count(*)`.as('expected'),
      sql<number>`count(*) filter (where r.status in ('submitted', 'approved'))`.as('submitted'),
      sql<number>`count(*) filter (where r.status in ('submitted', 'approved') and r.submitted_at < ${q.deadline})`.as('onTime'),
      sql<number>`count(*) filter (where r.status = 'approved')`.as('approved'),
      sql<number>`count(*) filter (where r.status = 'returned')`.as('returned'),
    ])
    .groupBy(segment)
    .$castTo<FigureRow>();
}

/** units below the root that have not submitted (no report, a draft, or returned), top of the tree first */
export function lateUnitsQuery(db: Db, q: CompletenessScope, limit: number) {
  return expectedUnits(db, q)
    .where('o.path', '<>', q.path)
    .where((eb) => eb.or([eb('r.status', 'is', null), eb('r.status', 'in', ['draft', 'returned'])]))
    .select(['o.id', 'o.name', 'o.province_code', 'r.status'])
    .orderBy('o.depth')
    .orderBy('o.path')
    .limit(limit);
}

/** direct children of an org with their own report on the form and period */
export function childrenWithReportQuery(db: Db, q: { parentId: string; provinceCode: string; formId: string; period: string }) {
  return db
    .selectFrom('orgs as c')
    .leftJoin('reports as r', (j) =>
      j.onRef('r.org_id', '=', 'c.id').on('r.province_code', '=', q.provinceCode).on('r.form_id', '=', q.formId).on('r.period', '=', q.period),
    )
    .where('c.parent_id', '=', q.parentId)
    .select(['c.id', 'c.name', 'c.path', 'c.depth', 'c.kind', 'c.status as orgStatus', 'r.id as reportId', 'r.status'])
    .orderBy('c.path');
}

export async function insertReminders(db: Db, rows: Insertable<RemindersTable>[]) {
  if (rows.length) await db.insertInto('reminders').values(rows).execute();
}

export function remindersOfOrg(db: Db, orgId: string, limit: number) {
  return db
    .selectFrom('reminders as m')
    .leftJoin('orgs as s', 's.id', 'm.sent_by_org_id')
    .where('m.org_id', '=', orgId)
    .select(['m.id', 'm.org_id', 'm.form_id', 'm.period', 'm.message', 'm.created_at', 'm.read_at', 's.name as sentByOrgName'])
    .orderBy('m.created_at', 'desc')
    .limit(limit)
    .execute();
}

export async function markReminderRead(db: Db, q: { provinceCode: string; id: string; orgId: string; at: Date }) {
  const res = await db
    .updateTable('reminders')
    .set({ read_at: q.at })
    .where('province_code', '=', q.provinceCode)
    .where('id', '=', q.id)
    .where('org_id', '=', q.orgId)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/** reports of one org on these forms and periods */
export function orgReportsQuery(db: Db, q: { orgId: string; provinceCode: string; formIds: string[]; periods: string[] }) {
  return db
    .selectFrom('reports')
    .select(['id', 'form_id', 'period', 'status', 'return_reason'])
    .where('province_code', '=', q.provinceCode)
    .where('org_id', '=', q.orgId)
    .where('form_id', 'in', q.formIds.length ? q.formIds : ['00000000-0000-0000-0000-000000000000'])
    .where('period', 'in', q.periods.length ? q.periods : ['-'])
    .execute();
}

/** id and name of the orgs at these paths, top first (breadcrumbs) */
export function orgsAtPathsQuery(db: Db, paths: string[]) {
  return db.selectFrom('orgs').select(['id', 'name']).where(sql<boolean>`path = any(${paths}::text[])`).orderBy('depth');
}
