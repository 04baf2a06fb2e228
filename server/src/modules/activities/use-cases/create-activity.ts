import { v7 as uuidv7 } from 'uuid';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { ActivityView, createActivityBody } from '@jinguo/common/activities.schema.ts';
import { todayInShanghai } from '@jinguo/common/periods.ts';
import type { Database } from '../../../db/database.ts';
import { requireActiveOrgInScope } from '../../../http/access.ts';
import type { Actor } from '../../../http/types.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import { holdProvinceTreeShared } from '../../orgs/org-tree-lock.service.ts';
import { getActivity } from '../activities.service.ts';
import { insertActivity, replaceParticipants } from '../activities.queries.ts';
import { applyRollupDeltas } from '../activity-rollups.queries.ts';
import { requireUsableKind } from '../activity-kinds.service.ts';
import { assertCountCoversNamed, assertRecordableDate, requireParticipants, rollupDelta, type ActivitySnapshot } from './activity-rules.ts';

/** records an activity of an active org in the actor's subtree (any role), with its rollups and audit */
export async function createActivity(db: Kysely<Database>, actor: Actor, input: z.infer<typeof createActivityBody>, now: Date): Promise<ActivityView> {
  assertRecordableDate(input.date, todayInShanghai(now));
  const id = uuidv7();
  await db.transaction().execute(async (trx) => {
    // shared: a move of part of the tree (exclusive) waits, so the rollups follow the org's current path
    await holdProvinceTreeShared(trx, actor.provinceCode);
    const org = await requireActiveOrgInScope(trx, actor, input.orgId);
    await requireUsableKind(trx, actor, input.kindCode);
    const participantIds = await requireParticipants(trx, actor, org.province_code, input.participantIds ?? []);
    assertCountCoversNamed(input.participants, participantIds.length);
    const key = { provinceCode: org.province_code, id };
    await insertActivity(trx, {
      province_code: org.province_code,
      id,
      org_id: org.id,
      kind_code: input.kindCode,
      title: input.title,
      date: input.date,
      place: input.place,
      participants: input.participants,
      notes: input.notes,
      created_by: actor.userId,
      updated_at: now,
    });
    await replaceParticipants(trx, key, participantIds);
    await applyRollupDeltas(trx, [rollupDelta({ ...input, orgPath: org.path, provinceCode: org.province_code }, 1)]);
    const after: ActivitySnapshot = { ...input, participantIds };
    await recordAudit(trx, actor, { action: 'create', entity: 'activity', entityId: id, orgId: org.id, provinceCode: org.province_code, after });
  });
  return getActivity(db, actor, id);
}
