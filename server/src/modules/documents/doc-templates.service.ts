import { v7 as uuidv7 } from 'uuid';
import type { CreateDocTemplateBody, DocTemplateView, UpdateDocTemplateBody } from '@jinguo/common/documents.schema.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import { requireOrgInScope, requireRole, type Db } from '../../http/access.ts';
import { AppError, invalidField } from '../../http/app-error.ts';
import type { Actor } from '../../http/types.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { requireKnownPlaceholders, sectionTexts } from './doc-placeholders.ts';
import { insertTemplate, updateTemplateRow, visibleTemplatesQuery, type TemplateRow } from './doc-templates.queries.ts';

/**
 * Report templates are data: a title and ordered sections (heading level 1–4, title, body with placeholders).
 * Shipped defaults have no owner and never change; admins and staff make their org's own templates (usually a
 * copy of a default), seen by the owner's subtree and changed by admins and staff at or above the owner.
 */
function toView(actor: Actor, t: TemplateRow): DocTemplateView {
  return {
    id: t.id,
    ownerOrgId: t.owner_org_id,
    ownerOrgName: t.ownerName,
    name: t.name,
    kind: t.kind,
    periodType: t.period_type,
    title: t.title,
    sections: t.sections,
    copiedFromId: t.copied_from_id,
    active: t.active,
    editable: actor.role !== 'executive' && t.ownerPath !== null && t.ownerPath.startsWith(actor.orgPath),
  };
}

/** a template the actor may see, or NOT_FOUND */
export async function findVisibleTemplate(db: Db, actor: Actor, id: string): Promise<TemplateRow> {
  const row = await visibleTemplatesQuery(db, actor.orgPath).where('t.id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', { message: '找不到该文书模板' });
  return row;
}

export async function listDocTemplates(db: Db, actor: Actor): Promise<{ items: DocTemplateView[] }> {
  const rows = await visibleTemplatesQuery(db, actor.orgPath).orderBy('t.created_at').orderBy('t.id').execute();
  // shipped defaults first
  const sorted = [...rows.filter((r) => r.owner_org_id === null), ...rows.filter((r) => r.owner_org_id !== null)];
  return { items: sorted.map((r) => toView(actor, r)) };
}

export async function getDocTemplate(db: Db, actor: Actor, id: string): Promise<DocTemplateView> {
  return toView(actor, await findVisibleTemplate(db, actor, id));
}

export async function createDocTemplate(db: Kysely<Database>, actor: Actor, body: CreateDocTemplateBody): Promise<DocTemplateView> {
  requireRole(actor, 'admin', 'staff');
  const owner = await requireOrgInScope(db, actor, body.orgId ?? actor.orgId);
  if (body.copiedFromId) {
    const source = await visibleTemplatesQuery(db, actor.orgPath).where('t.id', '=', body.copiedFromId).executeTakeFirst();
    if (!source) throw invalidField('body.copiedFromId', '找不到复制来源的模板');
  }
  await requireKnownPlaceholders(db, actor, [{ path: 'body.title', text: body.title }, ...sectionTexts('body.sections', body.sections)]);
  const id = uuidv7();
  await db.transaction().execute(async (trx) => {
    await insertTemplate(trx, {
      id,
      owner_org_id: owner.id,
      name: body.name,
      kind: body.kind,
      period_type: body.periodType,
      title: body.title,
      sections: JSON.stringify(body.sections),
      copied_from_id: body.copiedFromId ?? null,
    });
    await recordAudit(trx, actor, { action: 'create', entity: 'doc_template', entityId: id, orgId: owner.id, provinceCode: owner.province_code, after: body });
  });
  return getDocTemplate(db, actor, id);
}

export async function updateDocTemplate(db: Kysely<Database>, actor: Actor, id: string, body: UpdateDocTemplateBody, now: Date): Promise<DocTemplateView> {
  requireRole(actor, 'admin', 'staff');
  const before = toView(actor, await findVisibleTemplate(db, actor, id));
  if (!before.editable) {
    throw new AppError('FORBIDDEN', { message: before.ownerOrgId ? '只能修改本组织及下级组织的模板' : '系统默认模板不能修改，请复制为本单位模板后修改' });
  }
  const texts = [...(body.title ? [{ path: 'body.title', text: body.title }] : []), ...sectionTexts('body.sections', body.sections ?? [])];
  await requireKnownPlaceholders(db, actor, texts);
  await db.transaction().execute(async (trx) => {
    await updateTemplateRow(trx, id, {
      name: body.name,
      period_type: body.periodType,
      title: body.title,
      sections: body.sections ? JSON.stringify(body.sections) : undefined,
      active: body.active,
      updated_at: now,
    });
    await recordAudit(trx, actor, {
      action: 'update',
      entity: 'doc_template',
      entityId: id,
      orgId: before.ownerOrgId,
      provinceCode: actor.provinceCode,
      before,
      after: body,
    });
  });
  return getDocTemplate(db, actor, id);
}
