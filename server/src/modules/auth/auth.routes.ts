import { changePasswordBody, loginBody, meResponse } from '@jinguo/common/auth.schema.ts';
import { okSchema } from '@jinguo/common/fields.ts';
import type { AppDeps } from '../../deps.ts';
import { requireActor, SESSION_COOKIE } from '../../http/session.ts';
import type { App } from '../../http/types.ts';
import { changePassword, describeActor, login, logout } from './auth.service.ts';

export function registerAuthRoutes(app: App, deps: AppDeps) {
  const now = deps.now ?? (() => new Date());
  app.post(
    '/api/auth/login',
    {
      config: { public: true },
      schema: { tags: ['登录'], summary: '登录', body: loginBody, response: { 200: okSchema } },
    },
    async (req, reply) => {
      const { token } = await login(deps.db, req.body, now());
      reply.setCookie(SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'strict',
        path: '/',
        secure: req.protocol === 'https',
      });
      return { ok: true as const };
    },
  );
  app.post('/api/auth/logout', { schema: { tags: ['登录'], summary: '退出登录', response: { 200: okSchema } } }, async (req, reply) => {
    await logout(deps.db, requireActor(req.actor));
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true as const };
  });
  app.get('/api/auth/me', { schema: { tags: ['登录'], summary: '当前用户', response: { 200: meResponse } } }, async (req) =>
    describeActor(requireActor(req.actor)),
  );
  app.post(
    '/api/auth/password',
    { schema: { tags: ['登录'], summary: '修改密码', body: changePasswordBody, response: { 200: okSchema } } },
    async (req) => {
      await changePassword(deps.db, requireActor(req.actor), req.body, now());
      return { ok: true as const };
    },
  );
}
