import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import type { closeOrgBody, createOrgBody, moveOrgBody, OrgDetail, renameOrgBody } from '@jinguo/common/orgs.schema.ts';
import type { Database } from '../../db/database.ts';
import { lastSegmentOf, parentPathOf } from '../../db/org-paths.ts';
import { requireOrgInScope, requireRole, type ScopedOrg, type Trx } from '../../http/access.ts';
import { AppError } from '../../http/app-error.ts';
import type { Actor } from '../../http/types.ts';
import { refreshRollupsAfterMove } from '../activities/activity-rollups.service.ts';
import { recordAudit } from '../audit/audit.service.ts';
import {
  closeOrgRow,
  countActiveChildren,
  findActiveSiblingByName,
  insertOrg,
  moveSubtree,
  pathExists,
  renameOrgRow,
} from './orgs.queries.ts';
import { holdProvinceTreeExclusive } from './org-tree-lock.service.ts';
import { describeOrg } from './orgs.service.ts';

/**
 * Changing the tree is for admins, inside their subtree; their own org can be renamed but not closed or moved.
 * Administrative federations (kind 'federation') come from division codes and do not move. Nothing new goes
 * under a closed org. Changes of one province's tree run one at a time (an advisory lock), each in one
 * transaction with its audit row.
 */

/** the org in scope, read again after taking its province's tree lock (a move may have changed its path) */
async function lockOrgInScope(trx: Trx, actor: Actor, orgId: string): Promise<ScopedOrg> {
  const seen = await requireOrgInScope(trx, actor, orgId);
  await holdProvinceTreeExclusive(trx, seen.province_code);
  return requireOrgInScope(trx, actor, orgId);
}

function requireActiveParent(parent: ScopedOrg): void {
  if (parent.status !== 'active') throw new AppError('ORG_CLOSED', { message: `${parent.name}已撤销，不能在其下添加组织` });
}

async function refuseDuplicateName(trx: Trx, q: { parentId: string; name: string; exceptId?: string }): Promise<void> {
  if (await findActiveSiblingByName(trx, q)) {
    throw new AppError('DUPLICATE', { message: `同一上级组织下已有名为“${q.name}”的组织` });
  }
}

/** a path for a new child of `parentPath`: `preferred` if free, else 'x' + random base36, unique among siblings */
async function freeChildPath(trx: Trx, parentPath: string, preferred?: string): Promise<string> {
  if (preferred && !(await pathExists(trx, `${parentPath}${preferred}.`))) return `${parentPath}${preferred}.`;
  for (let attempt = 0; attempt < 5; attempt++) {
    const path = `${parentPath}x${crypto.randomInt(36 ** 6).toString(36).padStart(6, '0')}.`;
    if (!(await pathExists(trx, path))) return path;
  }
  throw new AppError('CONFLICT');
}

export async function createOrg(db: Kysely<Database>, actor: Actor, input: z.infer<typeof createOrgBody>, now: Date): Promise<OrgDetail> {
  requireRole(actor, 'admin');
  const id = uuidv7();
  await db.transaction().execute(async (trx) => {
    const parent = await lockOrgInScope(trx, actor, input.parentId);
    requireActiveParent(parent);
    await refuseDuplicateName(trx, { parentId: parent.id, name: input.name });
    const path = await freeChildPath(trx, parent.path);
    const row = { id, parent_id: parent.id, path, depth: parent.depth + 1, kind: input.kind, level: null, name: input.name, division_code: null, province_code: parent.province_code };
    await insertOrg(trx, { ...row, created_at: now, updated_at: now });
    await recordAudit(trx, actor, { action: 'create', entity: 'org', entityId: id, orgId: id, provinceCode: parent.province_code, after: row });
  });
  return describeOrg(db, actor, id);
}

export async function renameOrg(db: Kysely<Database>, actor: Actor, orgId: string, input: z.infer<typeof renameOrgBody>, now: Date): Promise<OrgDetail> {
  requireRole(actor, 'admin');
  await db.transaction().execute(async (trx) => {
    const org = await lockOrgInScope(trx, actor, orgId);
    if (org.name === input.name) return;
    // the actor's own org has its siblings above the actor's scope: not looked at
    if (org.parent_id && org.id !== actor.orgId && org.status === 'active') {
      await refuseDuplicateName(trx, { parentId: org.parent_id, name: input.name, exceptId: org.id });
    }
    await renameOrgRow(trx, org.id, input.name, now);
    await recordAudit(trx, actor, {
      action: 'update',
      entity: 'org',
      entityId: org.id,
      orgId: org.id,
      provinceCode: org.province_code,
      before: { name: org.name },
      after: { name: input.name },
    });
  });
  return describeOrg(db, actor, orgId);
}

export async function closeOrg(db: Kysely<Database>, actor: Actor, orgId: string, input: z.infer<typeof closeOrgBody>, now: Date): Promise<OrgDetail> {
  requireRole(actor, 'admin');
  await db.transaction().execute(async (trx) => {
    const org = await lockOrgInScope(trx, actor, orgId);
    if (org.id === actor.orgId) throw new AppError('FORBIDDEN', { message: '不能撤销本级组织' });
    if (org.status === 'closed') throw new AppError('ORG_CLOSED');
    const activeChildren = await countActiveChildren(trx, org.id);
    if (activeChildren > 0) {
      throw new AppError('ORG_HAS_ACTIVE_CHILDREN', { message: `请先撤销或移走下级组织（还有 ${activeChildren} 个）`, details: { activeChildren } });
    }
    await closeOrgRow(trx, org.id, now);
    await recordAudit(trx, actor, {
      action: 'close',
      entity: 'org',
      entityId: org.id,
      orgId: org.id,
      provinceCode: org.province_code,
      before: { status: 'active' },
      after: { status: 'closed', closedAt: now.toISOString() },
      reason: input.reason,
    });
  });
  return describeOrg(db, actor, orgId);
}

async function refuseInvalidMove(trx: Trx, actor: Actor, org: ScopedOrg, newParentId: string): Promise<ScopedOrg> {
  if (org.id === actor.orgId) throw new AppError('ORG_MOVE_INVALID', { message: '不能移动本级组织' });
  if (org.kind === 'federation') throw new AppError('ADMINISTRATIVE_ORG');
  const parent = await requireOrgInScope(trx, actor, newParentId);
  if (parent.path.startsWith(org.path)) throw new AppError('ORG_MOVE_INVALID');
  requireActiveParent(parent);
  return parent;
}

export async function moveOrg(db: Kysely<Database>, actor: Actor, orgId: string, input: z.infer<typeof moveOrgBody>, now: Date): Promise<OrgDetail> {
  requireRole(actor, 'admin');
  await db.transaction().execute(async (trx) => {
    const org = await lockOrgInScope(trx, actor, orgId);
    const parent = await refuseInvalidMove(trx, actor, org, input.newParentId);
    if (parent.id === org.parent_id) return;
    if (org.status === 'active') await refuseDuplicateName(trx, { parentId: parent.id, name: org.name });
    const oldParentPath = parentPathOf(org.path);
    const newPath = await freeChildPath(trx, parent.path, lastSegmentOf(org.path));
    const depthDelta = parent.depth + 1 - org.depth;
    const movedCount = await moveSubtree(trx, { rootId: org.id, newParentId: parent.id, oldPath: org.path, newPath, depthDelta, now });
    await refreshRollupsAfterMove(trx, { provinceCode: org.province_code, oldParentPath, newParentPath: parent.path, newPath, depthDelta });
    await recordAudit(trx, actor, {
      action: 'move',
      entity: 'org',
      entityId: org.id,
      orgId: org.id,
      provinceCode: org.province_code,
      before: { parentId: org.parent_id, path: org.path, depth: org.depth },
      after: { parentId: parent.id, path: newPath, depth: parent.depth + 1, movedCount },
    });
  });
  return describeOrg(db, actor, orgId);
}
