import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import {
  importErrorList,
  importErrorsQuery,
  importJobList,
  importJobParams,
  importJobSchema,
  importKindQuery,
  importListQuery,
  startImportBody,
} from '@jinguo/common/imports.schema.ts';
import type { AppDeps } from '../../deps.ts';
import { AppError } from '../../http/app-error.ts';
import { requireActor } from '../../http/session.ts';
import type { App } from '../../http/types.ts';
import { attachmentDisposition } from '../../http/xlsx.ts';
import type { ImportRunner, RunDeps } from './import-runner.ts';
import {
  getImportJob,
  IMPORT_MAX_BYTES,
  importTemplate,
  listImportErrors,
  listImportJobs,
  markedSheet,
  startImport,
  uploadImport,
  type Upload,
} from './imports.service.ts';

const tags = ['数据导入'];
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** the one file of a multipart request (field "file"), streamed to disk; over the limit → 413 */
async function receiveUpload(req: FastifyRequest): Promise<Upload> {
  if (!req.isMultipart()) throw new AppError('BAD_REQUEST', { message: '请以 multipart/form-data 上传文件（字段名 file）' });
  const part = await req.file({ limits: { fileSize: IMPORT_MAX_BYTES } });
  if (!part || part.fieldname !== 'file') {
    throw new AppError('VALIDATION_FAILED', { message: '没有收到文件（字段名应为 file）', fields: [{ path: 'body.file', message: '请选择文件' }] });
  }
  return {
    fileName: part.filename,
    saveTo: async (file) => {
      const tooLarge = new AppError('FILE_TOO_LARGE', { message: `文件不能超过 ${IMPORT_MAX_BYTES / 1024 / 1024} MB，请把表格拆成几个文件` });
      try {
        await pipeline(part.file, fs.createWriteStream(file));
      } catch (err) {
        if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge;
        throw err;
      }
      if (part.file.truncated) throw tooLarge;
    },
  };
}

function sendXlsx(reply: FastifyReply, file: { fileName: string; data: Buffer }) {
  return reply.header('content-type', XLSX_TYPE).header('content-disposition', attachmentDisposition(file.fileName)).send(file.data);
}

export function registerImportRoutes(app: App, deps: AppDeps) {
  const now = deps.now ?? (() => new Date());
  const run: RunDeps = { db: deps.db, cipher: deps.cipher, filesDir: deps.filesDir, now };
  // one per app: jobs this process runs; a 'running' job it does not know was cut off by a restart
  const runner: ImportRunner = { live: new Map(), runnerId: uuidv7(), log: app.log };

  app.get('/api/imports/template', { schema: { tags, summary: '下载导入模板（.xlsx：中文表头、示例行、填写说明）', querystring: importKindQuery } }, async (req, reply) =>
    sendXlsx(reply, await importTemplate(requireActor(req.actor), req.query.kind)),
  );
  app.post(
    '/api/imports',
    {
      schema: {
        tags,
        summary: '上传要导入的表格（multipart，文件字段 file；.xlsx，不超过 10 MB），返回建议的列对应关系',
        consumes: ['multipart/form-data'],
        querystring: importKindQuery,
        response: { 200: importJobSchema },
      },
    },
    async (req) => uploadImport(run, runner, requireActor(req.actor), req.query.kind, () => receiveUpload(req)),
  );
  app.get('/api/imports', { schema: { tags, summary: '最近的导入任务', querystring: importListQuery, response: { 200: importJobList } } }, async (req) =>
    listImportJobs(deps.db, runner, requireActor(req.actor), req.query.kind),
  );
  app.get('/api/imports/:id', { schema: { tags, summary: '导入任务的状态与进度', params: importJobParams, response: { 200: importJobSchema } } }, async (req) =>
    getImportJob(deps.db, runner, requireActor(req.actor), req.params.id),
  );
  app.post(
    '/api/imports/:id/start',
    { schema: { tags, summary: '按列对应关系开始导入（全部校验通过才写入，一个事务）', params: importJobParams, body: startImportBody, response: { 200: importJobSchema } } },
    async (req) => startImport(run, runner, requireActor(req.actor), req.params.id, req.body.mapping),
  );
  app.get(
    '/api/imports/:id/errors',
    { schema: { tags, summary: '导入错误清单（行号、列、原因）', params: importJobParams, querystring: importErrorsQuery, response: { 200: importErrorList } } },
    async (req) => listImportErrors(run, runner, requireActor(req.actor), req.params.id, req.query),
  );
  app.get('/api/imports/:id/marked', { schema: { tags, summary: '下载标注了错误单元格的表格副本（.xlsx）', params: importJobParams } }, async (req, reply) =>
    sendXlsx(reply, await markedSheet(run, runner, requireActor(req.actor), req.params.id)),
  );
}
