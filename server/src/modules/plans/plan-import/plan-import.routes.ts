import type { FastifyRequest } from 'fastify';
import { idParams } from '@jinguo/common/fields.ts';
import { addPlanImportBody, confirmPlanImportBody, MAX_PLAN_DOCX_BYTES, planImportDraft, planImportResult, planImportTextBody } from '@jinguo/common/plan-import.schema.ts';
import type { AppDeps } from '../../../deps.ts';
import { AppError } from '../../../http/app-error.ts';
import { requireActor } from '../../../http/session.ts';
import type { App } from '../../../http/types.ts';
import { importIntoNewPlan, importIntoPlan } from './plan-import-save.service.ts';
import { analysePlanDocx, analysePlanText } from './plan-import.service.ts';

const tags = ['工作计划'];

/** the one file of a multipart request, field "file" (the multipart plugin stops at the size limit) */
async function readUploadedDocx(req: FastifyRequest): Promise<Buffer> {
  if (!req.isMultipart()) throw new AppError('BAD_REQUEST', { message: '请以 multipart/form-data 上传文件（字段名 file）', fields: [{ path: 'file', message: '请选择文件' }] });
  const part = await req.file({ limits: { fileSize: MAX_PLAN_DOCX_BYTES } });
  if (!part || part.fieldname !== 'file') throw new AppError('VALIDATION_FAILED', { message: '没有收到文件（字段名应为 file）', fields: [{ path: 'file', message: '请选择文件' }] });
  try {
    return await part.toBuffer();
  } catch (err) {
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('FILE_TOO_LARGE', { message: `文件不能超过 ${MAX_PLAN_DOCX_BYTES / 1024 / 1024} MB` });
    throw err;
  }
}

export function registerPlanImportRoutes(app: App, deps: AppDeps) {
  const { db } = deps;
  app.post(
    '/api/plans/import/docx',
    {
      schema: {
        tags,
        summary: '读取计划文档（multipart，文件字段 file；.docx，不超过 10 MB）：任务树和拟定目标，不保存',
        consumes: ['multipart/form-data'],
        response: { 200: planImportDraft },
      },
    },
    async (req) => analysePlanDocx(db, requireActor(req.actor), () => readUploadedDocx(req)),
  );
  app.post(
    '/api/plans/import/text',
    { schema: { tags, summary: '读取粘贴的计划正文：任务树和拟定目标，不保存', body: planImportTextBody, response: { 200: planImportDraft } } },
    async (req) => analysePlanText(db, requireActor(req.actor), req.body),
  );
  app.post(
    '/api/plans/import/confirm',
    { schema: { tags, summary: '保存审核后的导入内容为新的计划草稿（任务和目标一并写入）', body: confirmPlanImportBody, response: { 200: planImportResult } } },
    async (req) => importIntoNewPlan(db, requireActor(req.actor), req.body),
  );
  app.post(
    '/api/plans/:id/import',
    { schema: { tags, summary: '把审核后的导入内容加入一个草稿计划', params: idParams, body: addPlanImportBody, response: { 200: planImportResult } } },
    async (req) => importIntoPlan(db, requireActor(req.actor), req.params.id, req.body),
  );
}
