import crypto from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import type {
  CreateReportFormBody,
  CreateReportedMetricBody,
  ReportFormView,
  UpdateReportFormBody,
} from '@jinguo/common/reports.schema.ts';
import type { Insertable } from 'kysely';
import type { ReportFormFieldsTable } from '../../db/database.ts';
import { requireOrgInScope, requireRole, type Db, type Trx } from '../../http/access.ts';
import { AppError, invalidField } from '../../http/app-error.ts';
import type { Actor } from '../../http/types.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { levelBelowOwner } from './report-periods.ts';
import {
  formFieldsQuery,
  insertForm,
  insertReportedMetricRow,
  replaceFormFields,
  updateFormRow,
  usableMetricsQuery,
  visibleFormsQuery,
  type FieldRow,
  type FormRow,
} from './report-forms.queries.ts';

/**
 * Report forms are data: metric fields (reported ones are filled in, derived ones are prefilled from the records)
 * and narrative fields, a period type, who reports and when. An admin defines forms for its org (or an org below);
 * a form is visible to the owner's subtree (its respondents) and to the owner's ancestors.
 */
export type FormWithFields = FormRow & { fields: FieldRow[] };

function toFieldView(f: FieldRow): ReportFormView['fields'][number] {
  return {
    position: f.position,
    kind: f.kind,
    required: f.required,
    label: f.kind === 'metric' ? (f.metricName ?? f.metric_code ?? '') : (f.label ?? ''),
    metricCode: f.metric_code,
    unit: f.unit ?? null,
    source: f.source ?? null,
    valueType: f.value_type ?? null,
  };
}

export function toFormView(actor: Actor, f: FormWithFields): ReportFormView {
  return {
    id: f.id,
    ownerOrgId: f.owner_org_id,
    ownerOrgName: f.ownerName,
    name: f.name,
    periodType: f.period_type,
    respondentLevel: f.respondent_level,
    opensOffsetDays: f.opens_offset_days,
    dueOffsetDays: f.due_offset_days,
    active: f.active,
    fields: f.fields.map(toFieldView),
    canEdit: actor.role === 'admin' && f.ownerPath.startsWith(actor.orgPath),
  };
}

async function withFields(db: Db, forms: FormRow[]): Promise<FormWithFields[]> {
  const fields = await formFieldsQuery(db, forms.map((f) => f.id)).execute();
  return forms.map((f) => ({ ...f, fields: fields.filter((x) => x.form_id === f.id) }));
}

/** a form the actor may see (with its fields), or NOT_FOUND */
export async function findVisibleForm(db: Db, actor: Actor, id: string): Promise<FormWithFields> {
  const form = await visibleFormsQuery(db, actor.orgPath).where('f.id', '=', id).executeTakeFirst();
  if (!form) throw new AppError('NOT_FOUND', { message: '找不到该报表' });
  return (await withFields(db, [form]))[0];
}

export async function listReportForms(db: Db, actor: Actor): Promise<{ items: ReportFormView[] }> {
  const forms = await visibleFormsQuery(db, actor.orgPath).orderBy('o.depth').orderBy('f.created_at', 'desc').execute();
  return { items: (await withFields(db, forms)).map((f) => toFormView(actor, f)) };
}

export async function getReportForm(db: Db, actor: Actor, id: string): Promise<ReportFormView> {
  return toFormView(actor, await findVisibleForm(db, actor, id));
}

async function fieldRows(db: Db, actor: Actor, formId: string, fields: CreateReportFormBody['fields']): Promise<Insertable<ReportFormFieldsTable>[]> {
  const codes = fields.flatMap((f) => (f.kind === 'metric' ? [f.metricCode] : []));
  const usable = new Set((await usableMetricsQuery(db, actor.orgPath, codes).execute()).map((m) => m.code));
  const missing = codes.filter((c) => !usable.has(c));
  if (missing.length) throw invalidField('body.fields', `指标不存在或不可用：${missing.join('、')}`);
  if (new Set(codes).size !== codes.length) throw invalidField('body.fields', '同一指标不能重复出现');
  const labels = fields.flatMap((f) => (f.kind === 'narrative' ? [f.label] : []));
  if (new Set(labels).size !== labels.length) throw invalidField('body.fields', '文字栏目名称不能重复');
  return fields.map((f, position) => ({
    form_id: formId,
    position,
    kind: f.kind,
    metric_code: f.kind === 'metric' ? f.metricCode : null,
    label: f.kind === 'narrative' ? f.label : null,
    required: f.required,
  }));
}

export async function createReportForm(db: Db, actor: Actor, body: CreateReportFormBody): Promise<ReportFormView> {
  requireRole(actor, 'admin');
  const owner = await requireOrgInScope(db, actor, body.orgId ?? actor.orgId);
  if (!levelBelowOwner(body.respondentLevel, owner.depth)) throw invalidField('body.respondentLevel', '填报层级应低于报表所属组织');
  const id = uuidv7();
  const fields = await fieldRows(db, actor, id, body.fields);
  await db.transaction().execute(async (trx) => {
    await insertForm(trx, {
      id,
      owner_org_id: owner.id,
      name: body.name,
      period_type: body.periodType,
      respondent_level: body.respondentLevel ?? null,
      opens_offset_days: body.opensOffsetDays,
      due_offset_days: body.dueOffsetDays,
    });
    await replaceFormFields(trx, id, fields);
    await recordAudit(trx, actor, { action: 'create', entity: 'report_form', entityId: id, orgId: owner.id, provinceCode: owner.province_code, after: body });
  });
  return getReportForm(db, actor, id);
}

export async function updateReportForm(db: Db, actor: Actor, id: string, body: UpdateReportFormBody): Promise<ReportFormView> {
  requireRole(actor, 'admin');
  const before = toFormView(actor, await findVisibleForm(db, actor, id));
  if (!before.canEdit) throw new AppError('FORBIDDEN', { message: '只能修改本组织及下级组织的报表' });
  const fields = body.fields ? await fieldRows(db, actor, id, body.fields) : null;
  await db.transaction().execute(async (trx) => {
    await updateFormRow(trx, id, {
      name: body.name,
      opens_offset_days: body.opensOffsetDays,
      due_offset_days: body.dueOffsetDays,
      active: body.active,
      updated_at: new Date(),
    });
    if (fields) await replaceFormFields(trx, id, fields);
    await recordAudit(trx, actor, {
      action: 'update',
      entity: 'report_form',
      entityId: id,
      orgId: before.ownerOrgId,
      provinceCode: actor.provinceCode,
      before,
      after: body,
    });
  });
  return getReportForm(db, actor, id);
}

export async function createReportedMetric(db: Db, actor: Actor, body: CreateReportedMetricBody) {
  requireRole(actor, 'admin');
  return db.transaction().execute((trx) => addReportedMetric(trx, actor, body));
}

/** a reported metric of the actor's org, made inside the caller's transaction (plan import makes them with its targets) */
export async function addReportedMetric(trx: Trx, actor: Actor, body: CreateReportedMetricBody) {
  requireRole(actor, 'admin');
  const code = `r_${Array.from(crypto.randomBytes(12), (b) => (b % 36).toString(36)).join('')}`;
  const view = { code, name: body.name, unit: body.unit, valueType: body.valueType, rollup: body.rollup, ownerOrgId: actor.orgId };
  await insertReportedMetricRow(trx, {
    code,
    name: body.name,
    unit: body.unit,
    source: 'reported',
    aggregation: null,
    kind_codes: [],
    owner_org_id: actor.orgId,
    sort: body.sort ?? 1000,
    value_type: body.valueType,
    rollup: body.rollup,
  });
  await recordAudit(trx, actor, { action: 'create', entity: 'metric', entityId: code, orgId: actor.orgId, provinceCode: actor.provinceCode, after: view });
  return view;
}
