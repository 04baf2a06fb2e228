import type { Insertable } from 'kysely';
import type { AttachmentsTable } from '../../db/database.ts';
import type { Db } from '../../http/access.ts';

/** Attachment rows; callers have already found the activity in the actor's subtree. */
export type AttachmentKey = { provinceCode: string; activityId: string; id: string };

export async function insertAttachment(trx: Db, row: Insertable<AttachmentsTable>) {
  await trx.insertInto('attachments').values(row).execute();
}

export function findAttachment(db: Db, key: AttachmentKey) {
  return db
    .selectFrom('attachments')
    .select(['id', 'activity_id', 'kind', 'file_name', 'mime_type', 'size_bytes', 'storage_key'])
    .where('province_code', '=', key.provinceCode)
    .where('id', '=', key.id)
    .where('activity_id', '=', key.activityId)
    .executeTakeFirst();
}

export async function deleteAttachmentRow(trx: Db, key: AttachmentKey) {
  await trx.deleteFrom('attachments').where('province_code', '=', key.provinceCode).where('id', '=', key.id).where('activity_id', '=', key.activityId).execute();
}
