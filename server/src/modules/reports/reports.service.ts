import { v7 as uuidv7 } from 'uuid';
import { todayInShanghai } from '@jinguo/common/periods.ts';
import type { ReportDetail, SaveReportBody } from '@jinguo/common/reports.schema.ts';
import type { z } from 'zod';
import type { createReportBody, reportListQuery } from '@jinguo/common/reports.schema.ts';
import type { Insertable, Transaction } from 'kysely';
import type { Database, ReportValuesTable } from '../../db/database.ts';
import { requireOrgInScope, requireRole, type Db } from '../../http/access.ts';
import { AppError, invalidField } from '../../http/app-error.ts';
import type { Actor } from '../../http/types.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { findVisibleForm } from './report-forms.service.ts';
import { formFieldsQuery, type FieldRow } from './report-forms.queries.ts';
import { matchesPeriodType, periodDates, periodsWithin, respondentDepths } from './report-periods.ts';
import { cellOf, derivedValues, storedValue, type Cell, type ReportValue } from './report-values.ts';
import {
  approvedValuesQuery,
  findReportByKey,
  insertEvent,
  insertReport,
  listReportsQuery,
  lockReport,
  metricRollups,
  replaceValues,
  reportEvents,
  reportInSubtreeQuery,
  reportValues,
  toReviewQuery,
  updateReportRow,
  type ReportRow,
} from './reports.queries.ts';

/**
 * A unit's report for a period: draft → submitted → approved, or returned with a reason and submitted again.
 * The unit (its admin or staff) fills in and submits its own report; derived metrics are counted from the
 * records while it is open and snapshotted at submission. Review is in report-review.service.ts.
 */
type Trx = Transaction<Database>;
export type ReportAction = Insertable<Database['report_events']>['action'];

export function toSummary(r: ReportRow) {
  return {
    id: r.id,
    formId: r.form_id,
    formName: r.formName,
    orgId: r.org_id,
    orgName: r.orgName,
    period: r.period,
    status: r.status,
    dueOn: periodDates(r, r.period).dueOn,
    submittedAt: r.submitted_at ? new Date(r.submitted_at).toISOString() : null,
    approvedAt: r.approved_at ? new Date(r.approved_at).toISOString() : null,
    returnReason: r.return_reason,
  };
}

/** a report whose org lies in the actor's subtree, or OUT_OF_SCOPE */
export async function requireReport(db: Db, actor: Actor, id: string): Promise<ReportRow> {
  const row = await reportInSubtreeQuery(db, actor.orgPath).where('r.id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('OUT_OF_SCOPE', { message: '找不到该报表，或不在您的管辖范围内' });
  return { ...row, province_code: row.province_code.trim() };
}

export function isReviewer(actor: Actor, r: ReportRow): boolean {
  return actor.role !== 'executive' && actor.orgId === r.orgParentId;
}
const isOwnUnit = (actor: Actor, r: ReportRow) => actor.role !== 'executive' && actor.orgId === r.org_id;

export async function logStep(trx: Trx, actor: Actor, r: ReportRow, step: { action: ReportAction; at: Date; reason?: string | null; after?: unknown }) {
  await insertEvent(trx, {
    province_code: r.province_code,
    id: uuidv7(),
    report_id: r.id,
    at: step.at,
    user_id: actor.userId,
    username: actor.username,
    action: step.action,
    reason: step.reason ?? null,
  });
  await recordAudit(trx, actor, {
    action: step.action,
    entity: 'report',
    entityId: r.id,
    orgId: r.org_id,
    provinceCode: r.province_code,
    before: { status: r.status },
    after: step.after ?? null,
    reason: step.reason ?? null,
  });
}

async function belowCells(db: Db, r: ReportRow, fields: FieldRow[]): Promise<Map<string, Cell> | null> {
  if (r.orgDepth >= respondentDepths(r, r.ownerDepth).max) return null;
  const codes = fields.filter((f) => f.source === 'reported' && f.metric_code).map((f) => f.metric_code as string);
  if (!codes.length) return new Map();
  const rows = await approvedValuesQuery(db, { provinceCode: r.province_code, path: r.orgPath, metricCodes: codes, periods: [r.period], formId: r.form_id, excludeOrgId: r.org_id }).execute();
  const byCode = new Map(rows.map((x) => [x.metricCode, x]));
  return new Map(fields.filter((f) => f.metric_code && f.value_type).map((f) => [f.metric_code as string, cellOf(byCode.get(f.metric_code as string), { rollup: f.rollup ?? 'sum', value_type: f.value_type ?? 'number' })]));
}

export async function reportDetail(db: Db, actor: Actor, r: ReportRow): Promise<ReportDetail> {
  const open = r.status === 'draft' || r.status === 'returned';
  const fields = await formFieldsQuery(db, [r.form_id]).execute();
  const [stored, events, live, below] = await Promise.all([
    reportValues(db, r.province_code, r.id),
    reportEvents(db, r.province_code, r.id),
    open ? derivedValues(db, { id: r.org_id, path: r.orgPath, depth: r.orgDepth, provinceCode: r.province_code }, r.period, fields) : new Map<string, number>(),
    belowCells(db, r, fields),
  ]);
  const byCode = new Map(stored.map((v) => [v.metric_code, v]));
  const metrics = fields.filter((f) => f.kind === 'metric' && f.metric_code);
  const narrative = r.narrative ?? {};
  return {
    ...toSummary(r),
    opensOn: periodDates(r, r.period).opensOn,
    values: metrics.map((f) => {
      const code = f.metric_code as string;
      const derivedNow = f.source === 'derived' && open;
      return {
        metricCode: code,
        label: f.metricName ?? code,
        unit: f.unit ?? '',
        source: f.source ?? 'reported',
        valueType: f.value_type ?? 'number',
        required: f.required,
        value: derivedNow ? (live.get(code) ?? 0) : storedValue(byCode.get(code)),
        below: below?.get(code) ?? null,
      };
    }),
    narrative: fields.filter((f) => f.kind === 'narrative').map((f) => ({ label: f.label ?? '', required: f.required, text: narrative[f.label ?? ''] ?? '' })),
    events: events.map((e) => ({ at: new Date(e.at).toISOString(), action: e.action, username: e.username, reason: e.reason })),
    can: { edit: open && isOwnUnit(actor, r), review: r.status === 'submitted' && isReviewer(actor, r), reopen: r.status === 'approved' && isReviewer(actor, r) },
  };
}

export async function getReport(db: Db, actor: Actor, id: string): Promise<ReportDetail> {
  return reportDetail(db, actor, await requireReport(db, actor, id));
}

export async function listReports(db: Db, actor: Actor, q: z.infer<typeof reportListQuery>) {
  const org = await requireOrgInScope(db, actor, q.orgId ?? actor.orgId);
  const formIds = q.formId ? [(await findVisibleForm(db, actor, q.formId)).id] : null;
  const rows = await listReportsQuery(db, { subtreePath: org.path, formIds, period: q.period, status: q.status }).execute();
  return { items: rows.map(toSummary) };
}

/** the reports waiting for the actor's review: submitted by its org's direct children (none for executives) */
export async function listReportsToReview(db: Db, actor: Actor) {
  if (actor.role === 'executive') return { items: [] };
  const rows = await toReviewQuery(db, { id: actor.orgId, path: actor.orgPath }).execute();
  return { items: rows.map(toSummary) };
}

/** opens the report of a unit for a period (or returns the one already opened); the unit or an org above it */
export async function createReport(db: Db, actor: Actor, body: z.infer<typeof createReportBody>, now: Date): Promise<ReportDetail> {
  requireRole(actor, 'admin', 'staff');
  const org = await requireOrgInScope(db, actor, body.orgId);
  const form = await findVisibleForm(db, actor, body.formId);
  if (!form.active) throw new AppError('REPORT_STATE', { message: '该报表已停用' });
  if (!matchesPeriodType(body.period, form.period_type)) throw invalidField('body.period', '期间与报表的报送周期不符');
  const depths = respondentDepths(form, form.ownerDepth);
  const responds = org.path.startsWith(form.ownerPath) && org.depth >= depths.min && org.depth <= depths.max && org.kind === 'federation';
  if (!responds || org.status !== 'active') throw new AppError('NOT_RESPONDENT');
  const { opensOn } = periodDates(form, body.period);
  if (todayInShanghai(now) < opensOn) throw new AppError('REPORT_NOT_OPEN', { message: `本期报表 ${opensOn} 起开放填报` });
  const existing = await findReportByKey(db, { provinceCode: org.province_code, formId: form.id, orgId: org.id, period: body.period });
  if (existing) return getReport(db, actor, existing.id);
  const id = uuidv7();
  await db.transaction().execute(async (trx) => {
    await insertReport(trx, { province_code: org.province_code, id, form_id: form.id, org_id: org.id, period: body.period, created_at: now, updated_at: now });
    const row = await requireReport(trx, actor, id);
    await logStep(trx, actor, row, { action: 'create', at: now, after: body });
  });
  return getReport(db, actor, id);
}

function requireEditable(r: { status: string }) {
  if (r.status === 'approved') throw new AppError('REPORT_LOCKED');
  if (r.status === 'submitted') throw new AppError('REPORT_STATE', { message: '报表已上报，等待审核，暂不能修改' });
}

function valueRow(r: ReportRow, f: FieldRow, value: ReportValue, i: number): Insertable<ReportValuesTable> {
  const row = { province_code: r.province_code, report_id: r.id, metric_code: f.metric_code as string, number_value: null, boolean_value: null, text_value: null };
  if (value === null || value === '') return row;
  const type = f.value_type ?? 'number';
  if (type === 'number' && typeof value === 'number') return { ...row, number_value: value };
  if (type === 'boolean' && typeof value === 'boolean') return { ...row, boolean_value: value };
  if (type === 'text' && typeof value === 'string') return { ...row, text_value: value };
  const expected = { number: '数字', boolean: '是或否', text: '文字' }[type];
  throw invalidField(`body.values.${i}.value`, `“${f.metricName}”应填写${expected}`);
}

/** the stored reported values merged with the new ones, checked against the form */
async function mergedValues(trx: Trx, r: ReportRow, fields: FieldRow[], body: SaveReportBody) {
  const reported = new Map(fields.filter((f) => f.source === 'reported' && f.metric_code).map((f) => [f.metric_code as string, f]));
  const rows = new Map((await reportValues(trx, r.province_code, r.id)).filter((v) => reported.has(v.metric_code)).map((v) => [v.metric_code, v as Insertable<ReportValuesTable>]));
  (body.values ?? []).forEach((v, i) => {
    const f = reported.get(v.metricCode);
    if (!f) throw invalidField(`body.values.${i}.metricCode`, `报表中没有可填报的指标 ${v.metricCode}`);
    rows.set(v.metricCode, valueRow(r, f, v.value, i));
  });
  return rows;
}

function mergedNarrative(r: ReportRow, fields: FieldRow[], body: SaveReportBody): Record<string, string> {
  const labels = new Set(fields.filter((f) => f.kind === 'narrative').map((f) => f.label));
  for (const label of Object.keys(body.narrative ?? {})) {
    if (!labels.has(label)) throw invalidField('body.narrative', `报表中没有文字栏目“${label}”`);
  }
  return { ...(r.narrative ?? {}), ...(body.narrative ?? {}) };
}

export async function saveReport(db: Db, actor: Actor, id: string, body: SaveReportBody, now: Date): Promise<ReportDetail> {
  requireRole(actor, 'admin', 'staff');
  const r = await requireReport(db, actor, id);
  if (!isOwnUnit(actor, r)) throw new AppError('FORBIDDEN', { message: '只能填报本单位的报表' });
  await db.transaction().execute(async (trx) => {
    requireEditable(await lockReport(trx, r.province_code, id));
    const fields = await formFieldsQuery(trx, [r.form_id]).execute();
    const values = await mergedValues(trx, r, fields, body);
    const narrative = mergedNarrative(r, fields, body);
    await replaceValues(trx, r.province_code, id, [...values.values()]);
    await updateReportRow(trx, r.province_code, id, { narrative: JSON.stringify(narrative) as unknown as Record<string, string>, updated_at: now });
    await logStep(trx, actor, r, { action: 'save', at: now, after: body });
  });
  return getReport(db, actor, id);
}

function missingRequired(fields: FieldRow[], values: Map<string, Insertable<ReportValuesTable>>, narrative: Record<string, string>): string[] {
  const empty = (v: Insertable<ReportValuesTable> | undefined) => !v || (v.number_value == null && v.boolean_value == null && !v.text_value);
  return fields
    .filter((f) => f.required)
    .filter((f) => (f.kind === 'narrative' ? !narrative[f.label ?? '']?.trim() : f.source === 'reported' && empty(values.get(f.metric_code as string))))
    .map((f) => (f.kind === 'narrative' ? (f.label ?? '') : (f.metricName ?? '')));
}

export async function submitReport(db: Db, actor: Actor, id: string, now: Date): Promise<ReportDetail> {
  requireRole(actor, 'admin', 'staff');
  const r = await requireReport(db, actor, id);
  if (!isOwnUnit(actor, r)) throw new AppError('FORBIDDEN', { message: '只能上报本单位的报表' });
  await db.transaction().execute(async (trx) => {
    requireEditable(await lockReport(trx, r.province_code, id));
    const fields = await formFieldsQuery(trx, [r.form_id]).execute();
    const values = await mergedValues(trx, r, fields, {});
    const missing = missingRequired(fields, values, r.narrative ?? {});
    if (missing.length) throw new AppError('REPORT_INCOMPLETE', { message: `报表还有必填项未填写：${missing.join('、')}` });
    const live = await derivedValues(trx, { id: r.org_id, path: r.orgPath, depth: r.orgDepth, provinceCode: r.province_code }, r.period, fields);
    for (const [code, value] of live) {
      values.set(code, { province_code: r.province_code, report_id: id, metric_code: code, number_value: value, boolean_value: null, text_value: null });
    }
    await replaceValues(trx, r.province_code, id, [...values.values()]);
    // the reason of an earlier return stays in the history, not on the resubmitted report
    await updateReportRow(trx, r.province_code, id, { status: 'submitted', submitted_at: now, return_reason: null, updated_at: now });
    await logStep(trx, actor, r, { action: 'submit', at: now, after: { status: 'submitted', derived: Object.fromEntries(live) } });
  });
  return getReport(db, actor, id);
}

/** the value of a reported metric for an org's subtree and period, from APPROVED reports only (see report-values.ts) */
export async function reportedValueForSubtree(
  db: Db,
  q: { orgId: string; orgPath: string; provinceCode: string; metricCode: string; period: string },
): Promise<{ value: number | null; units: number }> {
  const [metric] = await metricRollups(db, [q.metricCode]);
  if (!metric) return { value: null, units: 0 };
  const [row] = await approvedValuesQuery(db, { provinceCode: q.provinceCode, path: q.orgPath, metricCodes: [q.metricCode], periods: periodsWithin(q.period) }).execute();
  return cellOf(row, metric);
}

