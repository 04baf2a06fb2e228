import { idParams, okSchema } from '@jinguo/common/fields.ts';
import { todayInShanghai } from '@jinguo/common/periods.ts';
import {
  copyPlanBody,
  createPlanBody,
  createTargetBody,
  createTaskBody,
  planDetail,
  planList,
  planListQuery,
  planSummary,
  splitPreview,
  splitPreviewQuery,
  splitTargetBody,
  targetDetail,
  targetView,
  taskView,
  updatePlanBody,
  updateTargetBody,
  updateTaskBody,
} from '@jinguo/common/plans.schema.ts';
import type { AppDeps } from '../../deps.ts';
import { requireActor } from '../../http/session.ts';
import type { App } from '../../http/types.ts';
import { attachmentDisposition } from '../../http/xlsx.ts';
import { copyPlan } from './plan-copy.service.ts';
import { exportPlanTargets } from './plan-export.service.ts';
import { createTask, deleteTask, updateTask } from './plan-tasks.service.ts';
import { createPlan, deletePlan, getPlanDetail, listPlans, updatePlan } from './plans.service.ts';
import { previewSplit, splitTarget } from './target-split.service.ts';
import { createTarget, deleteTarget, getTargetDetail, updateTarget } from './targets.service.ts';

const tags = ['工作计划'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function registerPlanRoutes(app: App, deps: AppDeps) {
  const now = () => (deps.now ?? (() => new Date()))();
  const today = () => todayInShanghai(now());
  const { db } = deps;
  app.get('/api/plans', { schema: { tags, summary: '计划列表（本组织及下级的计划，和上级已下达的计划）', querystring: planListQuery, response: { 200: planList } } }, async (req) =>
    listPlans(db, requireActor(req.actor), req.query),
  );
  app.post('/api/plans', { schema: { tags, summary: '新建计划', body: createPlanBody, response: { 200: planSummary } } }, async (req) =>
    createPlan(db, requireActor(req.actor), req.body),
  );
  app.get('/api/plans/:id', { config: { reads: 'replica' }, schema: { tags, summary: '计划详情：任务树、目标及进度、滞后单位', params: idParams, response: { 200: planDetail } } }, async (req) =>
    getPlanDetail(db, requireActor(req.actor), req.params.id, today()),
  );
  app.patch('/api/plans/:id', { schema: { tags, summary: '修改或下达计划', params: idParams, body: updatePlanBody, response: { 200: planSummary } } }, async (req) =>
    updatePlan(db, requireActor(req.actor), req.params.id, req.body, now()),
  );
  app.delete('/api/plans/:id', { schema: { tags, summary: '删除草稿计划', params: idParams, response: { 200: okSchema } } }, async (req) => {
    await deletePlan(db, requireActor(req.actor), req.params.id);
    return { ok: true as const };
  });
  app.post('/api/plans/:id/copy', { schema: { tags, summary: '以此计划为底稿新建另一年度的计划', params: idParams, body: copyPlanBody, response: { 200: planSummary } } }, async (req) =>
    copyPlan(db, requireActor(req.actor), req.params.id, req.body),
  );
  app.get('/api/plans/:id/export', { config: { reads: 'replica' }, schema: { tags, summary: '导出目标与进度（.xlsx）', params: idParams } }, async (req, reply) => {
    const file = await exportPlanTargets(db, requireActor(req.actor), req.params.id, today());
    return reply.header('content-type', XLSX).header('content-disposition', attachmentDisposition(file.fileName)).send(file.data);
  });
  app.post('/api/plan-tasks', { schema: { tags, summary: '新建任务', body: createTaskBody, response: { 200: taskView } } }, async (req) =>
    createTask(db, requireActor(req.actor), req.body),
  );
  app.patch('/api/plan-tasks/:id', { schema: { tags, summary: '修改任务', params: idParams, body: updateTaskBody, response: { 200: taskView } } }, async (req) =>
    updateTask(db, requireActor(req.actor), req.params.id, req.body, now()),
  );
  app.delete('/api/plan-tasks/:id', { schema: { tags, summary: '删除任务（连同其下的任务和目标）', params: idParams, response: { 200: okSchema } } }, async (req) => {
    await deleteTask(db, requireActor(req.actor), req.params.id);
    return { ok: true as const };
  });
  app.post('/api/targets', { schema: { tags, summary: '新建目标（数量目标或里程碑）', body: createTargetBody, response: { 200: targetView } } }, async (req) =>
    createTarget(db, requireActor(req.actor), req.body, today()),
  );
  app.get('/api/targets/:id', { config: { reads: 'replica' }, schema: { tags, summary: '目标详情：各下级的分解与进度、滞后单位', params: idParams, response: { 200: targetDetail } } }, async (req) =>
    getTargetDetail(db, requireActor(req.actor), req.params.id, today()),
  );
  app.patch('/api/targets/:id', { schema: { tags, summary: '修改目标', params: idParams, body: updateTargetBody, response: { 200: targetView } } }, async (req) =>
    updateTarget(db, requireActor(req.actor), req.params.id, req.body, today(), now()),
  );
  app.delete('/api/targets/:id', { schema: { tags, summary: '删除目标（连同其分解）', params: idParams, response: { 200: okSchema } } }, async (req) => {
    await deleteTarget(db, requireActor(req.actor), req.params.id);
    return { ok: true as const };
  });
  app.get('/api/targets/:id/split-preview', { schema: { tags, summary: '分解预览：各下级的分解值与剩余', params: idParams, querystring: splitPreviewQuery, response: { 200: splitPreview } } }, async (req) =>
    previewSplit(db, requireActor(req.actor), req.params.id, req.query),
  );
  app.post('/api/targets/:id/split', { schema: { tags, summary: '分解目标到直接下级（合计须等于目标值）', params: idParams, body: splitTargetBody, response: { 200: targetDetail } } }, async (req) =>
    splitTarget(db, requireActor(req.actor), req.params.id, req.body, today(), now()),
  );
}
