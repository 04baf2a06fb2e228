import {
  activityDefaults as activityDefaultsSchema,
  activityList,
  activityListQuery,
  activitySchema,
  createActivityBody,
  updateActivityBody,
} from '@jinguo/common/activities.schema.ts';
import { idParams, okSchema } from '@jinguo/common/fields.ts';
import { todayInShanghai } from '@jinguo/common/periods.ts';
import type { AppDeps } from '../../deps.ts';
import { requireActor } from '../../http/session.ts';
import type { App } from '../../http/types.ts';
import { attachmentDisposition } from '../../http/xlsx.ts';
import { exportActivities } from './activities.export.ts';
import { activityDefaults, getActivity, listActivities } from './activities.service.ts';
import { registerActivityKindRoutes } from './activity-kinds.routes.ts';
import { registerAttachmentRoutes } from './attachments.routes.ts';
import { createActivity } from './use-cases/create-activity.ts';
import { deleteActivity } from './use-cases/delete-activity.ts';
import { updateActivity } from './use-cases/update-activity.ts';

const tags = ['活动'];

export function registerActivityRoutes(app: App, deps: AppDeps) {
  const now = deps.now ?? (() => new Date());
  const today = () => todayInShanghai(now());
  registerActivityKindRoutes(app, deps);
  app.get(
    '/api/activities',
    {
      config: { reads: 'replica' },
      schema: {
        tags,
        summary: '活动列表（所选组织及其下级；metricCode + period + orgId 即某个指标数字背后的记录）',
        querystring: activityListQuery,
        response: { 200: activityList },
      },
    },
    async (req) => listActivities(deps.db, requireActor(req.actor), req.query),
  );
  app.get('/api/activities/export', { schema: { tags, summary: '导出活动台账（.xlsx，筛选条件同列表）', querystring: activityListQuery } }, async (req, reply) => {
    const file = await exportActivities(deps.db, requireActor(req.actor), req.query, now());
    return reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').header('content-disposition', attachmentDisposition(file.fileName)).send(file.data);
  });
  app.get(
    '/api/activities/defaults',
    { schema: { tags, summary: '快速录入的默认值', response: { 200: activityDefaultsSchema } } },
    async (req) => activityDefaults(deps.db, requireActor(req.actor), today()),
  );
  app.post(
    '/api/activities',
    { schema: { tags, summary: '录入活动', body: createActivityBody, response: { 200: activitySchema } } },
    async (req) => createActivity(deps.db, requireActor(req.actor), req.body, now()),
  );
  app.get(
    '/api/activities/:id',
    { schema: { tags, summary: '活动详情', params: idParams, response: { 200: activitySchema } } },
    async (req) => getActivity(deps.db, requireActor(req.actor), req.params.id),
  );
  app.patch(
    '/api/activities/:id',
    { schema: { tags, summary: '修改活动', params: idParams, body: updateActivityBody, response: { 200: activitySchema } } },
    async (req) => updateActivity(deps.db, requireActor(req.actor), req.params.id, req.body, now()),
  );
  app.delete(
    '/api/activities/:id',
    { schema: { tags, summary: '删除活动', params: idParams, response: { 200: okSchema } } },
    async (req) => {
      await deleteActivity(deps.db, requireActor(req.actor), req.params.id, deps.filesDir);
      return { ok: true as const };
    },
  );
  registerAttachmentRoutes(app, deps);
}
