import type { FastifyInstance, FastifyRequest } from 'fastify';
import { currentReadContext, runWithReadContext } from '../db/replicas.ts';

/** a browser that wrote within this window reads from the primary, so it sees its own change at once */
export const READ_YOUR_WRITES_MS = 5_000;
const WROTE_COOKIE = 'jg_wrote';
const isRead = (method: string) => method === 'GET' || method === 'HEAD';
const replicaRoutes = new WeakMap<FastifyInstance, string[]>();

/** the GET routes a replica may serve, as Fastify writes them (/api/plans/:id) */
export const routesReadFromReplica = (app: FastifyInstance): string[] => replicaRoutes.get(app) ?? [];

/**
 * Read-only routes (route config `reads: 'replica'`: dashboards, lists, exports) run on a streaming replica when
 * one is configured. Everything before the handler (the session lookup and its touch) and every other route stays
 * on the primary. A write stamps a cookie; reads in the next few seconds go to the primary.
 */
const replicaMayServe = (req: FastifyRequest) => req.routeOptions.config?.reads === 'replica' && isRead(req.method);

export function registerReadRouting(app: FastifyInstance, now: () => Date) {
  const routes: string[] = [];
  replicaRoutes.set(app, routes);
  app.addHook('onRoute', (r) => {
    if (r.config?.reads === 'replica' && r.method === 'GET') routes.push(r.url);
  });
  app.addHook('onRequest', (_req, _reply, done) => {
    runWithReadContext({ preferReplica: false, servedBy: null }, done);
  });

  app.addHook('preHandler', async (req) => {
    const ctx = currentReadContext();
    if (!ctx || !replicaMayServe(req)) return;
    ctx.servedBy = null;
    const wroteAt = Number(req.cookies[WROTE_COOKIE] ?? 0);
    ctx.preferReplica = now().getTime() - wroteAt >= READ_YOUR_WRITES_MS;
  });

  app.addHook('onSend', async (req, reply) => {
    const ctx = currentReadContext();
    if (ctx?.servedBy && replicaMayServe(req)) reply.header('x-jinguo-read-from', ctx.servedBy);
    if (!isRead(req.method) && reply.statusCode < 400 && req.actor) {
      reply.setCookie(WROTE_COOKIE, String(now().getTime()), {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: req.protocol === 'https',
        maxAge: Math.ceil(READ_YOUR_WRITES_MS / 1000),
      });
    }
  });
}
