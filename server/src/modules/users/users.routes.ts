import { idParams, okSchema } from '@jinguo/common/fields.ts';
import { createUserBody, resetPasswordBody, updateUserBody, userList, userListQuery, userSchema } from '@jinguo/common/users.schema.ts';
import type { AppDeps } from '../../deps.ts';
import { requireActor } from '../../http/session.ts';
import type { App } from '../../http/types.ts';
import { createUser, listUsers, resetUserPassword, updateUser } from './users.service.ts';

const tags = ['用户'];

export function registerUserRoutes(app: App, deps: AppDeps) {
  const now = deps.now ?? (() => new Date());
  app.get('/api/users', { schema: { tags, summary: '用户列表（含下级组织）', querystring: userListQuery, response: { 200: userList } } }, (req) =>
    listUsers(deps.db, requireActor(req.actor), req.query, now()),
  );
  app.post('/api/users', { schema: { tags, summary: '新增用户', body: createUserBody, response: { 200: userSchema } } }, (req) =>
    createUser(deps.db, requireActor(req.actor), req.body, now()),
  );
  app.patch(
    '/api/users/:id',
    { schema: { tags, summary: '修改用户（姓名、角色、停用）', params: idParams, body: updateUserBody, response: { 200: userSchema } } },
    (req) => updateUser(deps.db, requireActor(req.actor), req.params.id, req.body, now()),
  );
  app.post(
    '/api/users/:id/reset-password',
    { schema: { tags, summary: '重置密码', params: idParams, body: resetPasswordBody, response: { 200: okSchema } } },
    (req) => resetUserPassword(deps.db, requireActor(req.actor), req.params.id, req.body, now()),
  );
}
