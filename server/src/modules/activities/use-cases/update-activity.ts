import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { ActivityView, updateActivityBody } from '@jinguo/common/activities.schema.ts';
import { todayInShanghai } from '@jinguo/common/periods.ts';
import type { Database } from '../../../db/database.ts';
import { requireActiveOrgInScope, type Db } from '../../../http/access.ts';
import { AppError, invalidField } from '../../../http/app-error.ts';
import type { Actor } from '../../../http/types.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import { holdProvinceTreeShared } from '../../orgs/org-tree-lock.service.ts';
import { assertMayChange, getActivity, requireActivityInScope, type StoredActivity } from '../activities.service.ts';
import { listParticipantIds, replaceParticipants, updateActivityRow } from '../activities.queries.ts';
import { applyRollupDeltas } from '../activity-rollups.queries.ts';
import { requireUsableKind } from '../activity-kinds.service.ts';
import { assertCountCoversNamed, assertRecordableDate, requireParticipants, rollupDelta, type ActivitySnapshot } from './activity-rules.ts';

type UpdateInput = z.infer<typeof updateActivityBody>;

function parseExpectedUpdatedAt(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw invalidField('body.expectedUpdatedAt', '修改时间格式不正确');
  return ms;
}

async function targetOrgOf(trx: Db, actor: Actor, before: StoredActivity, orgId: string | undefined) {
  if (!orgId || orgId === before.org_id) return { id: before.org_id, path: before.org_path, provinceCode: before.province_code };
  // the actor's subtree lies in one province, so the province (part of the participants' and attachments' keys) stays
  const org = await requireActiveOrgInScope(trx, actor, orgId);
  return { id: org.id, path: org.path, provinceCode: org.province_code };
}

function snapshotOf(row: Omit<ActivitySnapshot, 'participantIds'>, participantIds: string[]): ActivitySnapshot {
  const { orgId, kindCode, title, date, place, participants, notes } = row;
  return { orgId, kindCode, title, date, place, participants, notes, participantIds };
}

/**
 * Changes an activity; its org, date, kind and participants may all change, so the rollups lose the old
 * figures and gain the new ones in the same transaction. A stale expectedUpdatedAt answers CONFLICT.
 */
export async function updateActivity(db: Kysely<Database>, actor: Actor, id: string, input: UpdateInput, now: Date): Promise<ActivityView> {
  if (input.date !== undefined) assertRecordableDate(input.date, todayInShanghai(now));
  const expected = parseExpectedUpdatedAt(input.expectedUpdatedAt);
  await db.transaction().execute(async (trx) => {
    // shared: a move of part of the tree (exclusive) waits, so the rollups follow the org's current path
    await holdProvinceTreeShared(trx, actor.provinceCode);
    const before = await requireActivityInScope(trx, actor, id, { lock: true });
    assertMayChange(actor, before);
    const beforeUpdatedAt = new Date(before.updated_at).getTime();
    if (expected !== undefined && expected !== beforeUpdatedAt) throw new AppError('CONFLICT');
    const org = await targetOrgOf(trx, actor, before, input.orgId);
    if (input.kindCode !== undefined && input.kindCode !== before.kind_code) await requireUsableKind(trx, actor, input.kindCode);
    const key = { provinceCode: before.province_code, id };
    const oldIds = (await listParticipantIds(trx, key.provinceCode, [id])).map((p) => p.person_id);
    const next = {
      orgId: org.id,
      kindCode: input.kindCode ?? before.kind_code,
      title: input.title ?? before.title,
      date: input.date ?? before.date,
      place: input.place === undefined ? before.place : input.place,
      participants: input.participants ?? before.participants,
      notes: input.notes === undefined ? before.notes : input.notes,
    };
    const newIds = input.participantIds ? await requireParticipants(trx, actor, key.provinceCode, input.participantIds) : oldIds;
    assertCountCoversNamed(next.participants, newIds.length);
    await updateActivityRow(trx, key, {
      org_id: next.orgId,
      kind_code: next.kindCode,
      title: next.title,
      date: next.date,
      place: next.place,
      participants: next.participants,
      notes: next.notes,
      // strictly later than before, so that two quick edits never share an updatedAt
      updated_at: new Date(Math.max(now.getTime(), beforeUpdatedAt + 1)),
    });
    if (input.participantIds) await replaceParticipants(trx, key, newIds);
    await applyRollupDeltas(trx, [
      rollupDelta({ orgPath: before.org_path, provinceCode: key.provinceCode, date: before.date, kindCode: before.kind_code, participants: before.participants }, -1),
      rollupDelta({ ...next, orgPath: org.path, provinceCode: key.provinceCode }, 1),
    ]);
    await recordAudit(trx, actor, {
      action: 'update',
      entity: 'activity',
      entityId: id,
      orgId: org.id,
      provinceCode: key.provinceCode,
      before: snapshotOf({ ...before, orgId: before.org_id, kindCode: before.kind_code }, oldIds),
      after: snapshotOf(next, newIds),
    });
  });
  return getActivity(db, actor, id);
}
