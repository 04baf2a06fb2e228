import type { FastifyRequest } from 'fastify';
import { attachmentKindQuery, attachmentParams, attachmentSchema } from '@jinguo/common/activities.schema.ts';
import { idParams, okSchema } from '@jinguo/common/fields.ts';
import { todayInShanghai } from '@jinguo/common/periods.ts';
import type { AppDeps } from '../../deps.ts';
import { AppError } from '../../http/app-error.ts';
import { requireActor } from '../../http/session.ts';
import type { App } from '../../http/types.ts';
import { contentDisposition, MAX_ATTACHMENT_BYTES } from './attachments.storage.ts';
import { addAttachment, openAttachment, removeAttachment, type UploadedFile } from './attachments.service.ts';

const tags = ['活动'];

/** the one file of a multipart request, field "file", read into memory (the multipart plugin stops at its fileSize limit) */
async function readUploadedFile(req: FastifyRequest): Promise<UploadedFile> {
  if (!req.isMultipart()) throw new AppError('BAD_REQUEST', { message: '请以 multipart/form-data 上传文件（字段名 file）' });
  const part = await req.file();
  if (!part || part.fieldname !== 'file') throw new AppError('VALIDATION_FAILED', { message: '没有收到文件（字段名应为 file）', fields: [{ path: 'body.file', message: '请选择文件' }] });
  try {
    return { fileName: part.filename, data: await part.toBuffer() };
  } catch (err) {
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new AppError('FILE_TOO_LARGE', { message: `文件不能超过 ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB` });
    }
    throw err;
  }
}

export function registerAttachmentRoutes(app: App, deps: AppDeps) {
  const now = deps.now ?? (() => new Date());
  app.post(
    '/api/activities/:id/attachments',
    {
      schema: {
        tags,
        summary: '上传活动照片或签到表（multipart，文件字段 file；JPEG/PNG/WebP/PDF，不超过 10 MB）',
        consumes: ['multipart/form-data'],
        params: idParams,
        querystring: attachmentKindQuery,
        response: { 200: attachmentSchema },
      },
    },
    async (req) =>
      addAttachment(deps.db, requireActor(req.actor), {
        activityId: req.params.id,
        kind: req.query.kind,
        today: todayInShanghai(now()),
        filesDir: deps.filesDir,
        readFile: () => readUploadedFile(req),
      }),
  );
  app.get(
    '/api/activities/:id/attachments/:attachmentId',
    { schema: { tags, summary: '下载活动附件', params: attachmentParams } },
    async (req, reply) => {
      const input = { activityId: req.params.id, attachmentId: req.params.attachmentId, filesDir: deps.filesDir };
      const file = await openAttachment(deps.db, requireActor(req.actor), input);
      const disposition = file.mimeType.startsWith('image/') ? 'inline' : 'attachment';
      return reply
        .header('content-type', file.mimeType)
        .header('content-length', file.size)
        .header('content-disposition', contentDisposition(disposition, file.fileName))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, max-age=3600')
        .send(file.stream);
    },
  );
  app.delete(
    '/api/activities/:id/attachments/:attachmentId',
    { schema: { tags, summary: '删除活动附件', params: attachmentParams, response: { 200: okSchema } } },
    async (req) => {
      const input = { activityId: req.params.id, attachmentId: req.params.attachmentId, filesDir: deps.filesDir };
      await removeAttachment(deps.db, requireActor(req.actor), input);
      return { ok: true as const };
    },
  );
}
