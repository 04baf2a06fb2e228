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

type ApprovedValuesScope = {
  provinceCode: string;
  path: string;
  metricCodes: string[];
  periods: string[];
  formId?: string;
  excludeOrgId?: string;
  /** 'subtree': a report of the root covers everything below it; 'below-root': only reports below the root cover */
  cover?: 'subtree' | 'below-root';
};

/**
 * The approved values a figure of a subtree counts, each once however many reports carry it:
 * - one value per org, metric and period: when two forms ask the same metric, the last approved report counts;
 * - per org and metric, the coarsest period asked for that it reported: a yearly report stands for the year, else
 *   its quarters, else its months — never the year and its quarters added up;
 * - per metric, the topmost units that reported it: a township's approved figure is its whole township's (its
 *   report shows the villages' approved sum to compile it), so the villages below it are not added again.
 * Rows without any answer count for nothing and cover nothing.
 */
function countedApprovedValues(db: Db, q: ApprovedValuesScope) {
  const grain = sql<number>`case when r.period ~ '^[0-9]{4}$' then 0 when r.period like '%Q%' then 1 else 2 end`;
  return db
    .with('reported', (w) => {
      let query = w
        .selectFrom('reports as r')
        .innerJoin('orgs as o', 'o.id', 'r.org_id')
        .innerJoin('report_values as v', (j) => j.onRef('v.province_code', '=', 'r.province_code').onRef('v.report_id', '=', 'r.id'))
        .where('r.province_code', '=', q.provinceCode)
        .where('r.status', '=', 'approved')
        .where(sql<boolean>`r.period = any(${q.periods}::text[])`)
        .where('o.path', 'like', subtreePattern(q.path))
        .where(sql<boolean>`v.metric_code = any(${q.metricCodes}::text[])`)
        .where(sql<boolean>`(v.number_value is not null or v.boolean_value is not null or v.text_value is not null)`);
      if (q.formId) query = query.where('r.form_id', '=', q.formId);
      if (q.excludeOrgId) query = query.where('r.org_id', '<>', q.excludeOrgId);
      return query
        .distinctOn(['r.org_id', 'v.metric_code', 'r.period'])
        .select(['r.org_id', 'o.path', 'v.metric_code', 'v.number_value', 'v.boolean_value', 'v.text_value', grain.as('grain')])
        .orderBy('r.org_id')
        .orderBy('v.metric_code')
        .orderBy('r.period')
        .orderBy('r.approved_at', 'desc');
    })
    .with('coarsest', (w) => w.selectFrom('reported').select(['org_id', 'metric_code', sql<number>`min(grain)`.as('grain')]).groupBy(['org_id', 'metric_code']))
    .selectFrom('reported as x')
    .innerJoin('coarsest as c', (j) => j.onRef('c.org_id', '=', 'x.org_id').onRef('c.metric_code', '=', 'x.metric_code').onRef('c.grain', '=', 'x.grain'))
    .where(({ not, exists, selectFrom }) => {
      let above = selectFrom('reported as up')
        .select(sql`1`.as('one'))
        .whereRef('up.metric_code', '=', 'x.metric_code')
        .whereRef('up.path', '<>', 'x.path')
        .where(sql<boolean>`starts_with(x.path, up.path)`);
      if (q.cover === 'below-root') above = above.where('up.path', '<>', q.path);
      return not(exists(above));
    });
}

const countedColumns = [
  sql<number>`coalesce(sum(x.number_value), 0)`.as('sum'),
  sql<number>`count(x.number_value)`.as('numbers'),
  sql<number>`count(*) filter (where x.boolean_value)`.as('trues'),
  sql<number>`count(*)`.as('answers'),
];

/** counted approved values of a subtree per metric: the sum and count of numbers, the count of "yes" and of answers */
export function approvedValuesQuery(db: Db, q: Omit<ApprovedValuesScope, 'cover'>) {
  return countedApprovedValues(db, { ...q, cover: 'subtree' })
    .select(['x.metric_code as metricCode', ...countedColumns])
    .groupBy('x.metric_code')
    .$castTo<SubtreeValues>();
}

export function metricRollups(db: Db, codes: string[]) {
  return db.selectFrom('metrics').select(['code', 'rollup', 'value_type']).where('code', 'in', codes.length ? codes : ['-']).execute();
}

/** counted approved values of one form and period per child of the root ('' = the root itself) and metric */
export function approvedValuesBySegmentQuery(db: Db, q: { provinceCode: string; path: string; metricCodes: string[]; period: string; formId: string }) {
  const segment = sql<string>`split_part(substr(x.path, ${sql.lit(q.path.length + 1)}), '.', 1)`;
  return countedApprovedValues(db, { ...q, periods: [q.period], cover: 'below-root' })
    .select([segment.as('segment'), 'x.metric_code as metricCode', ...countedColumns])
    .groupBy([segment, 'x.metric_code'])
    .$castTo<SubtreeValues & { segment: string }>();
}
