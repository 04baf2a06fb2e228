import { sql, type Insertable, type Updateable } from 'kysely';
import type { ReportEventsTable, ReportStatus, ReportsTable, ReportValuesTable } from '../../db/database.ts';
import { subtreePattern, type Db } from '../../http/access.ts';

/** a report with its org and form, if its org lies in the subtree */
export function reportInSubtreeQuery(db: Db, subtreePath: string) {
  return db
    .selectFrom('reports as r')
    .innerJoin('orgs as o', 'o.id', 'r.org_id')
    .innerJoin('report_forms as f', 'f.id', 'r.form_id')
    .innerJoin('orgs as w', 'w.id', 'f.owner_org_id')
    .where('o.path', 'like', subtreePattern(subtreePath))
    .selectAll('r')
    .select(['o.name as orgName', 'o.path as orgPath', 'o.depth as orgDepth', 'o.parent_id as orgParentId'])
    .select(['f.name as formName', 'f.period_type', 'f.respondent_level', 'f.opens_offset_days', 'f.due_offset_days'])
    .select(['w.depth as ownerDepth', 'w.path as ownerPath']);
}
export type ReportRow = NonNullable<Awaited<ReturnType<ReturnType<typeof reportInSubtreeQuery>['executeTakeFirst']>>>;

export function findReportByKey(db: Db, k: { provinceCode: string; formId: string; orgId: string; period: string }) {
  return db
    .selectFrom('reports')
    .select(['id', 'status'])
    .where('province_code', '=', k.provinceCode)
    .where('form_id', '=', k.formId)
    .where('org_id', '=', k.orgId)
    .where('period', '=', k.period)
    .executeTakeFirst();
}

export async function insertReport(db: Db, row: Insertable<ReportsTable>) {
  await db.insertInto('reports').values(row).execute();
}

export async function updateReportRow(db: Db, provinceCode: string, id: string, patch: Updateable<ReportsTable>) {
  await db.updateTable('reports').set(patch).where('province_code', '=', provinceCode).where('id', '=', id).execute();
}

/** the report's status, locking its row for the rest of the transaction */
export function lockReport(db: Db, provinceCode: string, id: string) {
  return db.selectFrom('reports').select(['status']).where('province_code', '=', provinceCode).where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
}

export async function insertEvent(db: Db, row: Insertable<ReportEventsTable>) {
  await db.insertInto('report_events').values(row).execute();
}

export function reportValues(db: Db, provinceCode: string, reportId: string) {
  return db.selectFrom('report_values').selectAll().where('province_code', '=', provinceCode).where('report_id', '=', reportId).execute();
}

export function reportEvents(db: Db, provinceCode: string, reportId: string) {
  return db
    .selectFrom('report_events')
    .select(['at', 'action', 'username', 'reason'])
    .where('province_code', '=', provinceCode)
    .where('report_id', '=', reportId)
    .orderBy('at')
    .orderBy('id')
    .execute();
}

export async function replaceValues(db: Db, provinceCode: string, reportId: string, rows: Insertable<ReportValuesTable>[]) {
  await db.deleteFrom('report_values').where('province_code', '=', provinceCode).where('report_id', '=', reportId).execute();
  if (rows.length) await db.insertInto('report_values').values(rows).execute();
}

export function listReportsQuery(db: Db, q: { subtreePath: string; formIds: string[] | null; period?: string; status?: ReportStatus }) {
  let query = reportInSubtreeQuery(db, q.subtreePath);
  if (q.formIds) query = query.where('r.form_id', 'in', q.formIds.length ? q.formIds : ['00000000-0000-0000-0000-000000000000']);
  if (q.period) query = query.where('r.period', '=', q.period);
  if (q.status) query = query.where('r.status', '=', q.status);
  return query.orderBy('r.period', 'desc').orderBy('o.path').limit(500);
}

/** submitted reports of the org's direct children, waiting for the org's review, oldest first */
export function toReviewQuery(db: Db, org: { id: string; path: string }) {
  return reportInSubtreeQuery(db, org.path)
    .where('o.parent_id', '=', org.id)
    .where('r.status', '=', 'submitted')
    .orderBy('r.submitted_at')
    .orderBy('o.path')
    .limit(200);
}

/** the respondent children of an org (active federations) and whether each has an approved report */
export function childApprovalsQuery(db: Db, q: { parentId: string; provinceCode: string; formId: string; period: string }) {
  return db
    .selectFrom('orgs as c')
    .leftJoin('reports as r', (j) =>
      j.onRef('r.org_id', '=', 'c.id').on('r.province_code', '=', q.provinceCode).on('r.form_id', '=', q.formId).on('r.period', '=', q.period),
    )
    .where('c.parent_id', '=', q.parentId)
    .where('c.kind', '=', 'federation')
    .where('c.status', '=', 'active')
    .select(['c.id', 'c.name', 'r.status'])
    .orderBy('c.name');
}

/** the status of the parent's report on the same form and period */
export function parentReportStatus(db: Db, q: { parentId: string; provinceCode: string; formId: string; period: string }) {
  return db
    .selectFrom('reports')
    .select('status')
    .where('province_code', '=', q.provinceCode)
    .where('form_id', '=', q.formId)
    .where('org_id', '=', q.parentId)
    .where('period', '=', q.period)
    .executeTakeFirst();
}

export type SubtreeValues = { metricCode: string; sum: number; numbers: number; trues: number; answers: number };

/**
 * values of approved reports in a subtree per metric: the sum and count of numbers, the count of "yes" and of
 * answers. Optionally only the reports of one form, and without the subtree's own org (what the units below hold).
 */
export function approvedValuesQuery(
  db: Db,
  q: { provinceCode: string; path: string; metricCodes: string[]; periods: string[]; formId?: string; excludeOrgId?: string },
) {
  let query = db
    .selectFrom('reports as r')
    .innerJoin('orgs as o', 'o.id', 'r.org_id')
    .innerJoin('report_values as v', (j) => j.onRef('v.province_code', '=', 'r.province_code').onRef('v.report_id', '=', 'r.id'))
    .where('r.province_code', '=', q.provinceCode)
    .where('r.status', '=', 'approved')
    .where(sql<boolean>`r.period = any(${q.periods}::text[])`)
    .where('o.path', 'like', subtreePattern(q.path))
    .where(sql<boolean>`v.metric_code = any(${q.metricCodes}::text[])`);
  if (q.formId) query = query.where('r.form_id', '=', q.formId);
  if (q.excludeOrgId) query = query.where('r.org_id', '<>', q.excludeOrgId);
  return query
    .select([
      'v.metric_code as metricCode',
      sql<number>`coalesce(sum(v.number_value), 0)`.as('sum'),
      sql<number>`count(v.number_value)`.as('numbers'),
      sql<number>`count(*) filter (where v.boolean_value)`.as('trues'),
      sql<number>`count(*) filter (where v.number_value is not null or v.boolean_value is not null or v.text_value is not null)`.as('answers'),
    ])
    .groupBy('v.metric_code')
    .$castTo<SubtreeValues>();
}

export function metricRollups(db: Db, codes: string[]) {
  return db.selectFrom('metrics').select(['code', 'rollup', 'value_type']).where('code', 'in', codes.length ? codes : ['-']).execute();
}

/** approved values of one form and period per child of the root ('' = the root itself) and metric */
export function approvedValuesBySegmentQuery(db: Db, q: { provinceCode: string; path: string; metricCodes: string[]; period: string; formId: string }) {
  const segment = sql<string>`split_part(substr(o.path, ${sql.lit(q.path.length + 1)}), '.', 1)`;
  return db
    .selectFrom('reports as r')
    .innerJoin('orgs as o', 'o.id', 'r.org_id')
    .innerJoin('report_values as v', (j) => j.onRef('v.province_code', '=', 'r.province_code').onRef('v.report_id', '=', 'r.id'))
    .where('r.province_code', '=', q.provinceCode)
    .where('r.form_id', '=', q.formId)
    .where('r.period', '=', q.period)
    .where('r.status', '=', 'approved')
    .where('o.path', 'like', subtreePattern(q.path))
    .where(sql<boolean>`v.metric_code = any(${q.metricCodes}::text[])`)
    .select([
      segment.as('segment'),
      'v.metric_code as metricCode',
      sql<number>`coalesce(sum(v.number_value), 0)`.as('sum'),
      sql<number>`count(v.number_value)`.as('numbers'),
      sql<number>`count(*) filter (where v.boolean_value)`.as('trues'),
      sql<number>`count(*) filter (where v.number_value is not null or v.boolean_value is not null or v.text_value is not null)`.as('answers'),
    ])
    .groupBy([segment, 'v.metric_code'])
    .$castTo<SubtreeValues & { segment: string }>();
}
