import { activityKindList, activityKindSchema, createActivityKindBody, kindCodeParams, updateActivityKindBody } from '@jinguo/common/activities.schema.ts';
import type { AppDeps } from '../../deps.ts';
import { requireActor } from '../../http/session.ts';
import type { App } from '../../http/types.ts';
import { changeKind, createKind, listKinds } from './activity-kinds.service.ts';

const tags = ['活动类型'];

export function registerActivityKindRoutes(app: App, deps: AppDeps) {
  const now = deps.now ?? (() => new Date());
  app.get('/api/activity-kinds', { schema: { tags, summary: '可用的活动类型', response: { 200: activityKindList } } }, async (req) =>
    listKinds(deps.db, requireActor(req.actor)),
  );
  app.post(
    '/api/activity-kinds',
    { schema: { tags, summary: '新增本组织的活动类型（管理员）', body: createActivityKindBody, response: { 200: activityKindSchema } } },
    async (req) => createKind(deps.db, requireActor(req.actor), req.body),
  );
  app.patch(
    '/api/activity-kinds/:code',
    {
      schema: { tags, summary: '修改或停用本组织的活动类型（管理员）', params: kindCodeParams, body: updateActivityKindBody, response: { 200: activityKindSchema } },
    },
    async (req) => changeKind(deps.db, requireActor(req.actor), req.params.code, req.body, now()),
  );
}
