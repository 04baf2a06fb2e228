import { v7 as uuidv7 } from 'uuid';
import type { Kysely } from 'kysely';
import type { AttachmentView } from '@jinguo/common/activities.schema.ts';
import type { Database } from '../../db/database.ts';
import { AppError } from '../../http/app-error.ts';
import type { Actor } from '../../http/types.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { assertMayChange, attachmentUrl, requireActivityInScope } from './activities.service.ts';
import { deleteAttachmentRow, findAttachment, insertAttachment } from './attachments.queries.ts';
import { cleanFileName, MAX_ATTACHMENT_BYTES, detectFileType, openStoredFile, removeStoredFiles, storageKeyFor, writeStoredFile } from './attachments.storage.ts';

/**
 * Photos and sign-in sheets of an activity. Whoever may change the activity may add and remove them; whoever
 * sees it may download them. The file is written before the row (outside the transaction) and removed again
 * if the row cannot be written; deleting removes the row first, then the file.
 */
export type UploadedFile = { fileName: string | undefined; data: Buffer };
export type AttachmentKind = AttachmentView['kind'];

const fallbackNames: Record<AttachmentKind, string> = { photo: '照片', signin_sheet: '签到表' };

export async function addAttachment(
  db: Kysely<Database>,
  actor: Actor,
  input: { activityId: string; kind: AttachmentKind; today: string; filesDir: string; readFile: () => Promise<UploadedFile> },
): Promise<AttachmentView> {
  const activity = await requireActivityInScope(db, actor, input.activityId);
  assertMayChange(actor, activity);
  const file = await input.readFile();
  if (file.data.length > MAX_ATTACHMENT_BYTES) throw new AppError('FILE_TOO_LARGE', { message: `文件不能超过 ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB` });
  const type = detectFileType(file.data);
  if (!type) throw new AppError('FILE_TYPE', { message: '只能上传 JPEG、PNG、WebP 图片或 PDF 文件' });
  const id = uuidv7();
  const storageKey = storageKeyFor(activity.province_code, input.today.slice(0, 4), id);
  const fileName = cleanFileName(file.fileName, `${fallbackNames[input.kind]}.${type.extension}`);
  await writeStoredFile(input.filesDir, storageKey, file.data);
  const row = {
    province_code: activity.province_code,
    id,
    activity_id: activity.id,
    kind: input.kind,
    file_name: fileName,
    mime_type: type.mimeType,
    size_bytes: file.data.length,
    storage_key: storageKey,
    created_by: actor.userId,
  };
  try {
    await db.transaction().execute(async (trx) => {
      // checked again under a row lock: the activity may have been deleted or changed hands since the upload began
      assertMayChange(actor, await requireActivityInScope(trx, actor, activity.id, { lock: true }));
      await insertAttachment(trx, row);
      const after = { activityId: activity.id, kind: input.kind, fileName, mimeType: type.mimeType, sizeBytes: row.size_bytes };
      await recordAudit(trx, actor, { action: 'create', entity: 'attachment', entityId: id, orgId: activity.org_id, provinceCode: activity.province_code, after });
    });
  } catch (err) {
    await removeStoredFiles(input.filesDir, [storageKey]);
    throw err;
  }
  return { id, kind: input.kind, fileName, mimeType: type.mimeType, sizeBytes: row.size_bytes, url: attachmentUrl(activity.id, id) };
}

async function requireAttachment(db: Kysely<Database>, actor: Actor, activityId: string, attachmentId: string, opts: { forChange: boolean }) {
  const activity = await requireActivityInScope(db, actor, activityId);
  if (opts.forChange) assertMayChange(actor, activity);
  const attachment = await findAttachment(db, { provinceCode: activity.province_code, activityId, id: attachmentId });
  if (!attachment) throw new AppError('NOT_FOUND', { message: '找不到该附件' });
  return { activity, attachment };
}

export async function openAttachment(db: Kysely<Database>, actor: Actor, input: { activityId: string; attachmentId: string; filesDir: string }) {
  const { attachment } = await requireAttachment(db, actor, input.activityId, input.attachmentId, { forChange: false });
  const file = await openStoredFile(input.filesDir, attachment.storage_key);
  if (!file) throw new AppError('NOT_FOUND', { message: '附件文件已丢失' });
  return { ...file, fileName: attachment.file_name, mimeType: attachment.mime_type };
}

export async function removeAttachment(db: Kysely<Database>, actor: Actor, input: { activityId: string; attachmentId: string; filesDir: string }) {
  const { activity, attachment } = await requireAttachment(db, actor, input.activityId, input.attachmentId, { forChange: true });
  await db.transaction().execute(async (trx) => {
    assertMayChange(actor, await requireActivityInScope(trx, actor, activity.id, { lock: true }));
    const deleted = await deleteAttachmentRow(trx, { provinceCode: activity.province_code, activityId: activity.id, id: attachment.id });
    if (deleted === 0) throw new AppError('NOT_FOUND', { message: '找不到该附件' });
    const before = { activityId: activity.id, kind: attachment.kind, fileName: attachment.file_name, mimeType: attachment.mime_type, sizeBytes: attachment.size_bytes };
    await recordAudit(trx, actor, { action: 'delete', entity: 'attachment', entityId: attachment.id, orgId: activity.org_id, provinceCode: activity.province_code, before });
  });
  await removeStoredFiles(input.filesDir, [attachment.storage_key]);
}
