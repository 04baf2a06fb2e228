import {
  createMetricBody,
  dashboardQuery,
  dashboardResponse,
  metricBreakdown,
  metricCodeParams,
  metricList,
  metricSchema,
  metricValueQuery,
  updateMetricBody,
} from '@jinguo/common/metrics.schema.ts';
import type { AppDeps } from '../../deps.ts';
import { requireActor } from '../../http/session.ts';
import type { App } from '../../http/types.ts';
import { attachmentDisposition } from '../../http/xlsx.ts';
import { getDashboard } from './dashboard.service.ts';
import { exportStatistics } from './metrics.export.ts';
import { createMetric, getMetricBreakdown, listMetrics, updateMetric } from './metrics.service.ts';

export function registerMetricRoutes(app: App, deps: AppDeps) {
  const now = deps.now ?? (() => new Date());
  const tags = ['指标'];
  app.get('/api/metrics', { schema: { tags, summary: '指标列表（含停用与填报指标）', response: { 200: metricList } } }, async (req) =>
    listMetrics(deps.db, requireActor(req.actor)),
  );
  app.post('/api/metrics', { schema: { tags, summary: '新建本组织的统计指标', body: createMetricBody, response: { 200: metricSchema } } }, async (req) =>
    createMetric(deps.db, requireActor(req.actor), req.body),
  );
  app.patch(
    '/api/metrics/:code',
    { schema: { tags, summary: '修改或停用本组织的指标', params: metricCodeParams, body: updateMetricBody, response: { 200: metricSchema } } },
    async (req) => updateMetric(deps.db, requireActor(req.actor), req.params.code, req.body, now()),
  );
  app.get(
    '/api/metrics/:code/breakdown',
    {
      config: { reads: 'replica' },
      schema: {
        tags,
        summary: '指标数值：按直属下级分解、本级及逐月趋势',
        params: metricCodeParams,
        querystring: metricValueQuery,
        response: { 200: metricBreakdown },
      },
    },
    async (req) => getMetricBreakdown(deps.db, requireActor(req.actor), req.params.code, req.query),
  );
  app.get(
    '/api/dashboard',
    { config: { reads: 'replica' }, schema: { tags, summary: '工作看板', querystring: dashboardQuery, response: { 200: dashboardResponse } } },
    async (req) => getDashboard(deps.db, requireActor(req.actor), req.query),
  );
  app.get('/api/dashboard/export', { config: { reads: 'replica' }, schema: { tags, summary: '导出统计表（.xlsx：各下级单位的看板指标）', querystring: dashboardQuery } }, async (req, reply) => {
    const file = await exportStatistics(deps.db, requireActor(req.actor), req.query, now());
    return reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').header('content-disposition', attachmentDisposition(file.fileName)).send(file.data);
  });
}
