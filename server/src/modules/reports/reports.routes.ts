import type { FastifyReply } from 'fastify';
import { idParams, okSchema } from '@jinguo/common/fields.ts';
import {
  aggregateQuery,
  aggregateSchema,
  chaseBody,
  chaseResult,
  completenessQuery,
  completenessSchema,
  createReportBody,
  createReportedMetricBody,
  createReportFormBody,
  dueList,
  reasonBody,
  reminderList,
  reportDetailSchema,
  reportedMetricSchema,
  reportFormList,
  reportFormSchema,
  reportList,
  reportListQuery,
  saveReportBody,
  updateReportFormBody,
} from '@jinguo/common/reports.schema.ts';
import type { AppDeps } from '../../deps.ts';
import { requireActor } from '../../http/session.ts';
import type { App } from '../../http/types.ts';
import { attachmentDisposition } from '../../http/xlsx.ts';
import { chaseLateUnits, getCompleteness, listMyDueItems, listMyReminders, readReminder } from './completeness.service.ts';
import { getAggregates } from './report-aggregates.service.ts';
import { exportAggregates, exportCompleteness, type XlsxFile } from './report-exports.service.ts';
import { createReportedMetric, createReportForm, getReportForm, listReportForms, updateReportForm } from './report-forms.service.ts';
import { approveReport, reopenReport, returnReport } from './report-review.service.ts';
import { createReport, getReport, listReports, listReportsToReview, saveReport, submitReport } from './reports.service.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const sendXlsx = (reply: FastifyReply, file: XlsxFile) =>
  reply.header('content-type', XLSX).header('content-disposition', attachmentDisposition(file.fileName)).send(file.data);

function registerReportFormRoutes(app: App, deps: AppDeps) {
  const tags = ['报表'];
  app.get('/api/report-forms', { schema: { tags, summary: '可见的报表（本级及上级下发、下级自定）', response: { 200: reportFormList } } }, async (req) =>
    listReportForms(deps.db, requireActor(req.actor)),
  );
  app.post('/api/report-forms', { schema: { tags, summary: '新建报表', body: createReportFormBody, response: { 200: reportFormSchema } } }, async (req) =>
    createReportForm(deps.db, requireActor(req.actor), req.body),
  );
  app.post(
    '/api/report-forms/metrics',
    { schema: { tags, summary: '新建本组织的填报指标', body: createReportedMetricBody, response: { 200: reportedMetricSchema } } },
    async (req) => createReportedMetric(deps.db, requireActor(req.actor), req.body),
  );
  app.get('/api/report-forms/:id', { schema: { tags, summary: '报表定义', params: idParams, response: { 200: reportFormSchema } } }, async (req) =>
    getReportForm(deps.db, requireActor(req.actor), req.params.id),
  );
  app.patch(
    '/api/report-forms/:id',
    { schema: { tags, summary: '修改或停用报表', params: idParams, body: updateReportFormBody, response: { 200: reportFormSchema } } },
    async (req) => updateReportForm(deps.db, requireActor(req.actor), req.params.id, req.body),
  );
}

function registerReportWorkflowRoutes(app: App, deps: AppDeps, now: () => Date) {
  const tags = ['季度上报'];
  const detail = { 200: reportDetailSchema };
  app.get('/api/reports', { schema: { tags, summary: '本单位及下级的报表', querystring: reportListQuery, response: { 200: reportList } } }, async (req) =>
    listReports(deps.db, requireActor(req.actor), req.query),
  );
  app.get('/api/reports/due', { schema: { tags, summary: '本单位待填报和逾期的报表', response: { 200: dueList } } }, async (req) =>
    listMyDueItems(deps.db, requireActor(req.actor), now()),
  );
  app.get('/api/reports/to-review', { schema: { tags, summary: '待我审核：直属下级已上报的报表', response: { 200: reportList } } }, async (req) =>
    listReportsToReview(deps.db, requireActor(req.actor)),
  );
  app.get(
    '/api/reports/aggregates',
    { config: { reads: 'replica' }, schema: { tags, summary: '汇总数值（仅统计审核通过的报表）', querystring: aggregateQuery, response: { 200: aggregateSchema } } },
    async (req) => getAggregates(deps.db, requireActor(req.actor), req.query),
  );
  app.get('/api/reports/aggregates/export', { config: { reads: 'replica' }, schema: { tags, summary: '导出汇总数值（.xlsx）', querystring: aggregateQuery } }, async (req, reply) =>
    sendXlsx(reply, await exportAggregates(deps.db, requireActor(req.actor), req.query, now())),
  );
  app.post('/api/reports', { schema: { tags, summary: '开始填报（已有则返回）', body: createReportBody, response: detail } }, async (req) =>
    createReport(deps.db, requireActor(req.actor), req.body, now()),
  );
  app.get('/api/reports/:id', { config: { reads: 'replica' }, schema: { tags, summary: '报表详情', params: idParams, response: detail } }, async (req) =>
    getReport(deps.db, requireActor(req.actor), req.params.id),
  );
  app.patch('/api/reports/:id', { schema: { tags, summary: '保存填报内容', params: idParams, body: saveReportBody, response: detail } }, async (req) =>
    saveReport(deps.db, requireActor(req.actor), req.params.id, req.body, now()),
  );
  app.post('/api/reports/:id/submit', { schema: { tags, summary: '上报', params: idParams, response: detail } }, async (req) =>
    submitReport(deps.db, requireActor(req.actor), req.params.id, now()),
  );
  app.post('/api/reports/:id/approve', { schema: { tags, summary: '审核通过', params: idParams, response: detail } }, async (req) =>
    approveReport(deps.db, requireActor(req.actor), req.params.id, now()),
  );
  app.post('/api/reports/:id/return', { schema: { tags, summary: '退回修改', params: idParams, body: reasonBody, response: detail } }, async (req) =>
    returnReport(deps.db, requireActor(req.actor), req.params.id, req.body.reason, now()),
  );
  app.post('/api/reports/:id/reopen', { schema: { tags, summary: '重新打开已审核的报表', params: idParams, body: reasonBody, response: detail } }, async (req) =>
    reopenReport(deps.db, requireActor(req.actor), req.params.id, req.body.reason, now()),
  );
}

function registerCompletenessRoutes(app: App, deps: AppDeps, now: () => Date) {
  const tags = ['报送情况'];
  app.get('/api/completeness', { config: { reads: 'replica' }, schema: { tags, summary: '报送完整性与及时性', querystring: completenessQuery, response: { 200: completenessSchema } } }, async (req) =>
    getCompleteness(deps.db, requireActor(req.actor), req.query, now()),
  );
  app.get('/api/completeness/export', { config: { reads: 'replica' }, schema: { tags, summary: '导出报送情况（.xlsx）', querystring: completenessQuery } }, async (req, reply) =>
    sendXlsx(reply, await exportCompleteness(deps.db, requireActor(req.actor), req.query, now())),
  );
  app.post('/api/completeness/chase', { schema: { tags, summary: '催报：提醒未报单位并生成通知文字', body: chaseBody, response: { 200: chaseResult } } }, async (req) =>
    chaseLateUnits(deps.db, requireActor(req.actor), req.body, now()),
  );
  app.get('/api/reminders', { schema: { tags, summary: '本单位收到的催报提醒', response: { 200: reminderList } } }, async (req) =>
    listMyReminders(deps.db, requireActor(req.actor)),
  );
  app.post('/api/reminders/:id/read', { schema: { tags, summary: '标记提醒已读', params: idParams, response: { 200: okSchema } } }, async (req) =>
    readReminder(deps.db, requireActor(req.actor), req.params.id, now()),
  );
}

export function registerReportRoutes(app: App, deps: AppDeps) {
  const now = deps.now ?? (() => new Date());
  registerReportFormRoutes(app, deps);
  registerReportWorkflowRoutes(app, deps, now);
  registerCompletenessRoutes(app, deps, now);
}
