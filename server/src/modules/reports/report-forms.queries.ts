import { sql, type Insertable, type Updateable } from 'kysely';
import type { MetricsTable, ReportFormFieldsTable, ReportFormsTable } from '../../db/database.ts';
import { subtreePattern, type Db } from '../../http/access.ts';

/** forms owned by an org in the actor's subtree or by one of its ancestors (whose respondents it may be) */
export function visibleFormsQuery(db: Db, actorPath: string) {
  return db
    .selectFrom('report_forms as f')
    .innerJoin('orgs as o', 'o.id', 'f.owner_org_id')
    .where((eb) => eb.or([eb('o.path', 'like', subtreePattern(actorPath)), eb(sql.val(actorPath), 'like', sql<string>`o.path || '%'`)]))
    .selectAll('f')
    .select(['o.name as ownerName', 'o.path as ownerPath', 'o.depth as ownerDepth', 'o.province_code as ownerProvince']);
}
export type FormRow = NonNullable<Awaited<ReturnType<ReturnType<typeof visibleFormsQuery>['executeTakeFirst']>>>;

export function formFieldsQuery(db: Db, formIds: string[]) {
  return db
    .selectFrom('report_form_fields as ff')
    .leftJoin('metrics as m', 'm.code', 'ff.metric_code')
    .where('ff.form_id', 'in', formIds.length ? formIds : ['00000000-0000-0000-0000-000000000000'])
    .select(['ff.form_id', 'ff.position', 'ff.kind', 'ff.metric_code', 'ff.label', 'ff.required'])
    .select(['m.name as metricName', 'm.unit', 'm.source', 'm.value_type', 'm.rollup', 'm.aggregation', 'm.kind_codes'])
    .orderBy('ff.form_id')
    .orderBy('ff.position');
}
export type FieldRow = Awaited<ReturnType<ReturnType<typeof formFieldsQuery>['execute']>>[number];

export async function insertForm(db: Db, row: Insertable<ReportFormsTable>) {
  await db.insertInto('report_forms').values(row).execute();
}

export async function updateFormRow(db: Db, id: string, patch: Updateable<ReportFormsTable>) {
  await db.updateTable('report_forms').set(patch).where('id', '=', id).execute();
}

export async function replaceFormFields(db: Db, formId: string, rows: Insertable<ReportFormFieldsTable>[]) {
  await db.deleteFrom('report_form_fields').where('form_id', '=', formId).execute();
  if (rows.length) await db.insertInto('report_form_fields').values(rows).execute();
}

export async function insertReportedMetricRow(db: Db, row: Insertable<MetricsTable>) {
  await db.insertInto('metrics').values(row).execute();
}

/** active metrics of these codes owned by nobody or by an org on the path of the actor's org, or in its subtree */
export function usableMetricsQuery(db: Db, actorPath: string, codes: string[]) {
  return db
    .selectFrom('metrics as m')
    .leftJoin('orgs as o', 'o.id', 'm.owner_org_id')
    .where('m.code', 'in', codes.length ? codes : ['-'])
    .where('m.active', '=', true)
    .where((eb) =>
      eb.or([eb('m.owner_org_id', 'is', null), eb('o.path', 'like', subtreePattern(actorPath)), eb(sql.val(actorPath), 'like', sql<string>`o.path || '%'`)]),
    )
    .select(['m.code']);
}
