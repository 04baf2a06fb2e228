import type { Kysely } from 'kysely';
import type { Database } from '../../../db/database.ts';
import type { Actor } from '../../../http/types.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import { holdProvinceTreeShared } from '../../orgs/org-tree-lock.service.ts';
import { assertMayChange, requireActivityInScope } from '../activities.service.ts';
import { deleteActivityRow, listAttachmentsOf, listParticipantIds } from '../activities.queries.ts';
import { applyRollupDeltas } from '../activity-rollups.queries.ts';
import { removeStoredFiles } from '../attachments.storage.ts';
import { rollupDelta, type ActivitySnapshot } from './activity-rules.ts';

/** deletes an activity with its participants and attachments; the files go once the rows are gone */
export async function deleteActivity(db: Kysely<Database>, actor: Actor, id: string, filesDir: string): Promise<void> {
  const storageKeys = await db.transaction().execute(async (trx) => {
    // shared: a move of part of the tree (exclusive) waits, so the rollups follow the org's current path
    await holdProvinceTreeShared(trx, actor.provinceCode);
    const row = await requireActivityInScope(trx, actor, id, { lock: true });
    assertMayChange(actor, row);
    const participantIds = (await listParticipantIds(trx, row.province_code, [id])).map((p) => p.person_id);
    const attachments = await listAttachmentsOf(trx, row.province_code, [id]);
    await deleteActivityRow(trx, { provinceCode: row.province_code, id });
    await applyRollupDeltas(trx, [
      rollupDelta({ orgPath: row.org_path, provinceCode: row.province_code, date: row.date, kindCode: row.kind_code, participants: row.participants }, -1),
    ]);
    const before: ActivitySnapshot & { attachments: string[] } = {
      orgId: row.org_id,
      kindCode: row.kind_code,
      title: row.title,
      date: row.date,
      place: row.place,
      participants: row.participants,
      notes: row.notes,
      participantIds,
      attachments: attachments.map((a) => a.file_name),
    };
    await recordAudit(trx, actor, { action: 'delete', entity: 'activity', entityId: id, orgId: row.org_id, provinceCode: row.province_code, before });
    return attachments.map((a) => a.storage_key);
  });
  await removeStoredFiles(filesDir, storageKeys);
}
