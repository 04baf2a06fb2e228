import { idParams, okSchema } from '@jinguo/common/fields.ts';
import {
  createDocTemplateBody,
  createDocumentBody,
  docTemplateList,
  docTemplateSchema,
  documentDetail,
  documentList,
  documentListQuery,
  refreshFiguresBody,
  updateDocTemplateBody,
  updateDocumentBody,
} from '@jinguo/common/documents.schema.ts';
import type { AppDeps } from '../../deps.ts';
import { requireActor } from '../../http/session.ts';
import type { App } from '../../http/types.ts';
import { attachmentDisposition } from '../../http/xlsx.ts';
import { createDocTemplate, getDocTemplate, listDocTemplates, updateDocTemplate } from './doc-templates.service.ts';
import { renderDocx } from './document-docx.ts';
import { exportDocumentSources } from './document-sources.service.ts';
import { createDocument, deleteDocument, documentForPrint, getDocument, listDocuments, refreshFigures, updateDocument } from './documents.service.ts';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function registerTemplateRoutes(app: App, deps: AppDeps, now: () => Date) {
  const tags = ['文书报告'];
  app.get('/api/doc-templates', { schema: { tags, summary: '可用的文书模板（系统默认、上级和本级的）', response: { 200: docTemplateList } } }, async (req) =>
    listDocTemplates(deps.db, requireActor(req.actor)),
  );
  app.post('/api/doc-templates', { schema: { tags, summary: '新建文书模板', body: createDocTemplateBody, response: { 200: docTemplateSchema } } }, async (req) =>
    createDocTemplate(deps.db, requireActor(req.actor), req.body),
  );
  app.get('/api/doc-templates/:id', { schema: { tags, summary: '文书模板', params: idParams, response: { 200: docTemplateSchema } } }, async (req) =>
    getDocTemplate(deps.db, requireActor(req.actor), req.params.id),
  );
  app.patch(
    '/api/doc-templates/:id',
    { schema: { tags, summary: '修改或停用文书模板', params: idParams, body: updateDocTemplateBody, response: { 200: docTemplateSchema } } },
    async (req) => updateDocTemplate(deps.db, requireActor(req.actor), req.params.id, req.body, now()),
  );
}

export function registerDocumentRoutes(app: App, deps: AppDeps) {
  const now = deps.now ?? (() => new Date());
  const tags = ['文书报告'];
  registerTemplateRoutes(app, deps, now);
  app.get('/api/documents', { schema: { tags, summary: '本单位及下级的文书', querystring: documentListQuery, response: { 200: documentList } } }, async (req) =>
    listDocuments(deps.db, requireActor(req.actor), req.query),
  );
  app.post('/api/documents', { schema: { tags, summary: '按模板为组织和期间生成文书草稿', body: createDocumentBody, response: { 200: documentDetail } } }, async (req) =>
    createDocument(deps.db, requireActor(req.actor), req.body, now()),
  );
  app.get('/api/documents/:id', { schema: { tags, summary: '文书草稿（数字已过期的标出）', params: idParams, response: { 200: documentDetail } } }, async (req) =>
    getDocument(deps.db, requireActor(req.actor), req.params.id, now()),
  );
  app.patch(
    '/api/documents/:id',
    { schema: { tags, summary: '修改文书（标题、正文、落款）', params: idParams, body: updateDocumentBody, response: { 200: documentDetail } } },
    async (req) => updateDocument(deps.db, requireActor(req.actor), req.params.id, req.body, now()),
  );
  app.post(
    '/api/documents/:id/refresh',
    { schema: { tags, summary: '更新数字（默认更新已过期的）', params: idParams, body: refreshFiguresBody, response: { 200: documentDetail } } },
    async (req) => refreshFigures(deps.db, requireActor(req.actor), req.params.id, req.body.keys, now()),
  );
  app.delete('/api/documents/:id', { schema: { tags, summary: '删除文书', params: idParams, response: { 200: okSchema } } }, async (req) => {
    await deleteDocument(deps.db, requireActor(req.actor), req.params.id);
    return { ok: true as const };
  });
  app.get('/api/documents/:id/docx', { schema: { tags, summary: '下载 Word 文件（GB/T 9704 公文格式，附数据来源）', params: idParams } }, async (req, reply) => {
    const doc = await documentForPrint(deps.db, requireActor(req.actor), req.params.id);
    const data = await renderDocx(doc);
    return reply.header('content-type', DOCX).header('content-disposition', attachmentDisposition(`${doc.title}.docx`)).send(data);
  });
  app.get('/api/documents/:id/sources', { schema: { tags, summary: '下载数据来源表（.xlsx，每个数字所依据的全部记录）', params: idParams } }, async (req, reply) => {
    const file = await exportDocumentSources(deps.db, requireActor(req.actor), req.params.id, now());
    return reply.header('content-type', XLSX).header('content-disposition', attachmentDisposition(file.fileName)).send(file.data);
  });
}
