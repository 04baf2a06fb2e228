import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import type { createDocumentBody, DocSection, DocumentDetail, documentListQuery, DocumentSummary, FigureView, UpdateDocumentBody } from '@jinguo/common/documents.schema.ts';
import { periodKind, periodLabel, todayInShanghai } from '@jinguo/common/periods.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import { requireOrgInScope, requireRole, type Db, type ScopedOrg } from '../../http/access.ts';
import { AppError, invalidField } from '../../http/app-error.ts';
import type { Actor } from '../../http/types.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { figurePlaceholders, fillTextPlaceholders, requireKnownPlaceholders, sectionTexts } from './doc-placeholders.ts';
import { findVisibleTemplate } from './doc-templates.service.ts';
import { fillFigure, type FigureContext, type FigurePlaceholder, type StoredFigure } from './document-figures.ts';
import { deleteDocumentRow, findDocumentRow, insertDocument, listDocumentRows, updateDocumentRow, type DocumentRow } from './documents.queries.ts';

/**
 * Documents: a template instantiated for an org and a period, kept as an editable draft. Figures are filled in
 * from the records when the draft is made (or when a placeholder is added); each keeps a fingerprint of its
 * records, and reading the draft fills every figure in again to flag the ones whose records changed (stale) —
 * refreshing takes the new values. Admins and staff of the org's line write; executives read.
 */
const PERIOD_TYPE_LABEL = { year: '年度（如 2026）', quarter: '季度（如 2026Q1）', month: '月份（如 2026-03）' } as const;

const scopeOf = (actor: Actor) => ({ provinceCode: actor.provinceCode, orgPath: actor.orgPath });
const keyOf = (row: DocumentRow) => ({ provinceCode: row.province_code, id: row.id });
const storedFigures = (row: DocumentRow) => row.figures as StoredFigure[];

function toSummary(row: DocumentRow | Awaited<ReturnType<typeof listDocumentRows>>[0][number]): DocumentSummary {
  return {
    id: row.id,
    orgId: row.org_id,
    orgName: row.org_name,
    templateId: row.template_id,
    templateName: row.template_name,
    period: row.period,
    title: row.title,
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

function toFigureView(f: StoredFigure, stale: boolean): FigureView {
  return { key: f.key, kind: f.kind, label: f.label, unit: f.unit, value: f.value, text: f.text, items: f.items, recordCount: f.recordCount, link: f.link, filledAt: f.filledAt, stale };
}

function toDetail(actor: Actor, row: DocumentRow, stale: Set<string>): DocumentDetail {
  const figures = storedFigures(row).map((f) => toFigureView(f, stale.has(f.key)));
  return {
    ...toSummary(row),
    issuer: row.issuer,
    issueDate: row.issue_date,
    sections: row.sections,
    figures,
    staleCount: figures.filter((f) => f.stale).length,
    mayEdit: actor.role !== 'executive',
  };
}

export async function requireDocument(db: Db, actor: Actor, id: string, opts: { lock?: boolean } = {}): Promise<DocumentRow> {
  const row = await findDocumentRow(db, scopeOf(actor), id, opts);
  if (!row) throw new AppError('OUT_OF_SCOPE', { message: '找不到该文书，或不在您的管辖范围内' });
  return row;
}

function contextOf(db: Db, actor: Actor, org: ScopedOrg, period: string, now: Date): FigureContext {
  return { db, actor, org, period, today: todayInShanghai(now), now };
}

async function fillAll(c: FigureContext, placeholders: FigurePlaceholder[]): Promise<StoredFigure[]> {
  const out: StoredFigure[] = [];
  for (const p of placeholders) out.push(await fillFigure(c, p));
  return out;
}

/** each figure filled in again from today's records: the stored ones whose fingerprint differs are stale */
async function freshFigures(db: Db, actor: Actor, row: DocumentRow, now: Date): Promise<Map<string, StoredFigure>> {
  const org = await requireOrgInScope(db, actor, row.org_id);
  const c = contextOf(db, actor, org, row.period, now);
  const placeholders = figurePlaceholders(storedFigures(row).map((f) => `{{${f.key}}}`));
  return new Map((await fillAll(c, placeholders)).map((f) => [f.key, f]));
}

function staleKeys(row: DocumentRow, fresh: Map<string, StoredFigure>): Set<string> {
  return new Set(storedFigures(row).filter((f) => fresh.get(f.key)?.fingerprint !== f.fingerprint).map((f) => f.key));
}

export async function listDocuments(db: Db, actor: Actor, q: z.infer<typeof documentListQuery>): Promise<{ items: DocumentSummary[]; total: number }> {
  const org = q.orgId ? await requireOrgInScope(db, actor, q.orgId) : { path: actor.orgPath };
  const [rows, count] = await listDocumentRows(db, { provinceCode: actor.provinceCode, orgPath: org.path, period: q.period }, q);
  return { items: rows.map(toSummary), total: Number(count.n) };
}

export async function getDocument(db: Db, actor: Actor, id: string, now: Date): Promise<DocumentDetail> {
  const row = await requireDocument(db, actor, id);
  return toDetail(actor, row, staleKeys(row, await freshFigures(db, actor, row, now)));
}

export async function createDocument(db: Kysely<Database>, actor: Actor, body: z.infer<typeof createDocumentBody>, now: Date): Promise<DocumentDetail> {
  requireRole(actor, 'admin', 'staff');
  const org = await requireOrgInScope(db, actor, body.orgId);
  const template = await findVisibleTemplate(db, actor, body.templateId);
  if (!template.active) throw invalidField('body.templateId', '该模板已停用');
  if (periodKind(body.period) !== template.period_type) {
    throw invalidField('body.period', `“${template.name}”按${PERIOD_TYPE_LABEL[template.period_type]}生成，期间${periodLabel(body.period)}不符`);
  }
  const text = (s: string) => fillTextPlaceholders(s, { orgName: org.name, period: body.period });
  const sections: DocSection[] = template.sections.map((s) => ({ ...s, title: text(s.title), body: text(s.body) }));
  const title = text(template.title);
  const c = contextOf(db, actor, org, body.period, now);
  const figures = await fillAll(c, figurePlaceholders([title, ...sections.flatMap((s) => [s.title, s.body])]));
  const id = uuidv7();
  await db.transaction().execute(async (trx) => {
    await insertDocument(trx, {
      province_code: org.province_code,
      id,
      org_id: org.id,
      template_id: template.id,
      period: body.period,
      title: title.slice(0, 80),
      issuer: org.name,
      issue_date: c.today,
      sections: JSON.stringify(sections),
      figures: JSON.stringify(figures),
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    });
    await recordAudit(trx, actor, { action: 'create', entity: 'document', entityId: id, orgId: org.id, provinceCode: org.province_code, after: { ...body, title } });
  });
  return getDocument(db, actor, id, now);
}

/** the figures the new sections need: kept when already filled in, filled in when new, dropped when unused */
async function figuresFor(db: Db, actor: Actor, row: DocumentRow, texts: string[], now: Date): Promise<StoredFigure[]> {
  const kept = new Map(storedFigures(row).map((f) => [f.key, f]));
  const needed = figurePlaceholders(texts);
  const missing = needed.filter((p) => !kept.has(p.key));
  if (missing.length > 0) {
    const org = await requireOrgInScope(db, actor, row.org_id);
    for (const f of await fillAll(contextOf(db, actor, org, row.period, now), missing)) kept.set(f.key, f);
  }
  return needed.map((p) => kept.get(p.key)!);
}

export async function updateDocument(db: Kysely<Database>, actor: Actor, id: string, body: UpdateDocumentBody, now: Date): Promise<DocumentDetail> {
  requireRole(actor, 'admin', 'staff');
  const row = await requireDocument(db, actor, id);
  if (body.expectedUpdatedAt && body.expectedUpdatedAt !== new Date(row.updated_at).toISOString()) throw new AppError('CONFLICT');
  const text = (s: string) => fillTextPlaceholders(s, { orgName: row.org_name, period: row.period });
  const title = body.title === undefined ? undefined : text(body.title);
  let sections: DocSection[] | undefined;
  let figures: StoredFigure[] | undefined;
  if (body.sections || title !== undefined) {
    await requireKnownPlaceholders(db, actor, [...(title === undefined ? [] : [{ path: 'body.title', text: title }]), ...sectionTexts('body.sections', body.sections ?? [])]);
    sections = body.sections?.map((s) => ({ ...s, title: text(s.title), body: text(s.body) }));
    const texts = [title ?? row.title, ...(sections ?? row.sections).flatMap((s) => [s.title, s.body])];
    figures = await figuresFor(db, actor, row, texts, now);
  }
  await db.transaction().execute(async (trx) => {
    const locked = await requireDocument(trx, actor, id, { lock: true });
    if (new Date(locked.updated_at).getTime() !== new Date(row.updated_at).getTime()) throw new AppError('CONFLICT');
    await updateDocumentRow(trx, keyOf(row), {
      title,
      issuer: body.issuer,
      issue_date: body.issueDate,
      sections: sections ? JSON.stringify(sections) : undefined,
      figures: figures ? JSON.stringify(figures) : undefined,
      updated_at: now,
    });
    const { expectedUpdatedAt: _seen, ...changed } = body;
    await recordAudit(trx, actor, { action: 'update', entity: 'document', entityId: id, orgId: row.org_id, provinceCode: row.province_code, after: changed });
  });
  return getDocument(db, actor, id, now);
}

/** takes today's values of the stale figures (or of those named) */
export async function refreshFigures(db: Kysely<Database>, actor: Actor, id: string, keys: string[] | undefined, now: Date): Promise<DocumentDetail> {
  requireRole(actor, 'admin', 'staff');
  const row = await requireDocument(db, actor, id);
  const fresh = await freshFigures(db, actor, row, now);
  const unknown = (keys ?? []).filter((k) => !fresh.has(k));
  if (unknown.length > 0) throw invalidField('body.keys', `文书中没有这些数字：${unknown.join('、')}`);
  const chosen = new Set(keys ?? staleKeys(row, fresh));
  const figures = storedFigures(row).map((f) => (chosen.has(f.key) ? fresh.get(f.key)! : f));
  const changed = storedFigures(row).filter((f) => chosen.has(f.key)).map((f) => ({ key: f.key, before: f.value, after: fresh.get(f.key)!.value }));
  await db.transaction().execute(async (trx) => {
    const locked = await requireDocument(trx, actor, id, { lock: true });
    // an edit saved meanwhile may have added or dropped figures: refresh what the editor sees now
    if (new Date(locked.updated_at).getTime() !== new Date(row.updated_at).getTime()) throw new AppError('CONFLICT');
    await updateDocumentRow(trx, keyOf(row), { figures: JSON.stringify(figures), updated_at: now });
    await recordAudit(trx, actor, { action: 'refresh', entity: 'document', entityId: id, orgId: row.org_id, provinceCode: row.province_code, after: { figures: changed } });
  });
  return getDocument(db, actor, id, now);
}

export async function deleteDocument(db: Kysely<Database>, actor: Actor, id: string): Promise<void> {
  requireRole(actor, 'admin', 'staff');
  await db.transaction().execute(async (trx) => {
    const row = await requireDocument(trx, actor, id, { lock: true });
    await deleteDocumentRow(trx, keyOf(row));
    await recordAudit(trx, actor, { action: 'delete', entity: 'document', entityId: id, orgId: row.org_id, provinceCode: row.province_code, before: toSummary(row) });
  });
}

/** the stored draft as it will be printed: its figures as filled in (stale ones included, as the reader saw them) */
export async function documentForPrint(db: Db, actor: Actor, id: string) {
  const row = await requireDocument(db, actor, id);
  return { title: row.title, issuer: row.issuer, issueDate: row.issue_date, period: row.period, orgName: row.org_name, sections: row.sections, figures: storedFigures(row) };
}
export type PrintableDocument = Awaited<ReturnType<typeof documentForPrint>>;
