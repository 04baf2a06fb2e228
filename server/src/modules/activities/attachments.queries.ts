import type { Insertable, Transaction } from 'kysely';
import type { AttachmentsTable, Database } from '../../db/database.ts';
import type { Db } from '../../http/access.ts';

/** Attachment rows; callers have already found the activity in the actor's subtree. */
export type AttachmentKey = { provinceCode: string; activityId: string; id: string };

export async function insertAttachment(trx: Transaction<Database>, row: Insertable<AttachmentsTable>) {
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

/** the number of rows deleted (0 when a concurrent request got there first) */
export async function deleteAttachmentRow(trx: Transaction<Database>, key: AttachmentKey): Promise<number> {
  const result = await trx
    .deleteFrom('attachments')
    .where('province_code', '=', key.provinceCode)
    .where('id', '=', key.id)
    .where('activity_id', '=', key.activityId)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
