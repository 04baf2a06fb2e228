import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { ActivityKind, createActivityKindBody, updateActivityKindBody } from '@jinguo/common/activities.schema.ts';
import type { Database } from '../../db/database.ts';
import { requireRole, type Db } from '../../http/access.ts';
import { AppError, invalidField } from '../../http/app-error.ts';
import type { Actor } from '../../http/types.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { findVisibleKind, findVisibleKindByName, findVisibleKindsByCode, insertKind, listVisibleKinds, updateKind, type KindRow } from './activity-kinds.queries.ts';

/**
 * Activity kinds are data: everyone sees the system kinds and those of their org's ancestors-or-self; an admin
 * adds kinds owned by their org (for its whole subtree) and edits or deactivates only those. System kinds are
 * read-only. Kinds are never deleted, since activities keep referring to them.
 */
function describeKind(row: KindRow, actor: Actor): ActivityKind {
  return {
    code: row.code,
    name: row.name,
    participantUnit: row.participant_unit,
    ownerOrgId: row.owner_org_id,
    sort: row.sort,
    active: row.active,
    editable: actor.role === 'admin' && row.owner_org_id === actor.orgId,
  };
}

export async function listKinds(db: Db, actor: Actor) {
  const rows = await listVisibleKinds(db, actor.orgPath);
  return { items: rows.map((r) => describeKind(r, actor)) };
}

/** the kinds among `codes` the actor may see (active or not) */
export async function findVisibleKinds(db: Db, actor: Actor, codes: string[]): Promise<ActivityKind[]> {
  if (codes.length === 0) return [];
  const rows = await findVisibleKindsByCode(db, actor.orgPath, codes);
  return rows.map((r) => describeKind(r, actor));
}

/** a kind an activity of the actor may use: visible and active, otherwise a 400 naming the field */
export async function requireUsableKind(db: Db, actor: Actor, code: string, field = 'body.kindCode'): Promise<KindRow> {
  const kind = await findVisibleKind(db, actor.orgPath, code);
  if (!kind) throw invalidField(field, `活动类型 ${code} 不存在`);
  if (!kind.active) throw invalidField(field, `活动类型“${kind.name}”已停用`);
  return kind;
}

async function assertNameFree(db: Db, actor: Actor, name: string, exceptCode?: string) {
  const same = await findVisibleKindByName(db, actor.orgPath, name);
  if (same && same.code !== exceptCode) throw new AppError('DUPLICATE', { message: `活动类型“${name}”已存在`, fields: [{ path: 'body.name', message: '名称已存在' }] });
}

function newKindCode(): string {
  return `k_${BigInt(`0x${crypto.randomBytes(8).toString('hex')}`).toString(36)}`;
}

export async function createKind(db: Kysely<Database>, actor: Actor, input: z.infer<typeof createActivityKindBody>): Promise<ActivityKind> {
  requireRole(actor, 'admin');
  const code = newKindCode();
  await db.transaction().execute(async (trx) => {
    await assertNameFree(trx, actor, input.name);
    const row = { code, name: input.name, participant_unit: input.participantUnit, owner_org_id: actor.orgId, sort: input.sort ?? 1000 };
    await insertKind(trx, row);
    await recordAudit(trx, actor, { action: 'create', entity: 'activity_kind', entityId: code, orgId: actor.orgId, provinceCode: actor.provinceCode, after: row });
  });
  return describeKind((await findVisibleKind(db, actor.orgPath, code))!, actor);
}

export async function changeKind(db: Kysely<Database>, actor: Actor, code: string, input: z.infer<typeof updateActivityKindBody>, now: Date): Promise<ActivityKind> {
  requireRole(actor, 'admin');
  await db.transaction().execute(async (trx) => {
    const before = await findVisibleKind(trx, actor.orgPath, code);
    if (!before) throw new AppError('NOT_FOUND', { message: `找不到活动类型 ${code}` });
    if (before.owner_org_id !== actor.orgId) {
      throw new AppError('FORBIDDEN', { message: before.owner_org_id ? '只能修改本组织添加的活动类型' : '系统活动类型不能修改' });
    }
    if (input.name !== undefined && input.name !== before.name) await assertNameFree(trx, actor, input.name, code);
    const changes = { name: input.name, participant_unit: input.participantUnit, sort: input.sort, active: input.active, updated_at: now };
    await updateKind(trx, code, changes);
    const after = await findVisibleKind(trx, actor.orgPath, code);
    await recordAudit(trx, actor, { action: 'update', entity: 'activity_kind', entityId: code, orgId: actor.orgId, provinceCode: actor.provinceCode, before, after });
  });
  return describeKind((await findVisibleKind(db, actor.orgPath, code))!, actor);
}
