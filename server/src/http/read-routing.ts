import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { DatabaseObserver } from '../db/open.ts';
import { currentReadContext, parseLsn, runWithReadContext } from '../db/replicas.ts';

/** the primary's WAL position after the browser's last write */
const WROTE_COOKIE = 'jg_wrote';
/** long enough for any replica that still serves to have replayed the write */
const WROTE_COOKIE_SECONDS = 3_600;
const BEYOND_ANY_LSN = 2n ** 64n;
const isRead = (method: string) => method === 'GET' || method === 'HEAD';
const replicaRoutes = new WeakMap<FastifyInstance, string[]>();

/** the GET routes a replica may serve, as Fastify writes them (/api/plans/:id) */
export const routesReadFromReplica = (app: FastifyInstance): string[] => replicaRoutes.get(app) ?? [];

const replicaMayServe = (req: FastifyRequest) => req.routeOptions.config?.reads === 'replica' && isRead(req.method);

/**
 * Read-only routes (route config `reads: 'replica'`: dashboards, lists, exports) run on a streaming replica when
 * one is configured. Everything before the handler (the session lookup and its touch) and every other route stays
 * on the primary. After a write the browser keeps the primary's WAL position in a cookie, and its reads go only to
 * a replica that has replayed that far (else to the primary): everyone reads their own writes, whatever the lag.
 */
export function registerReadRouting(app: FastifyInstance, observer: DatabaseObserver | undefined) {
  const routes: string[] = [];
  replicaRoutes.set(app, routes);
  app.addHook('onRoute', (r) => {
    if (r.config?.reads === 'replica' && r.method === 'GET') routes.push(r.url);
  });
  if (!observer?.hasReplicas) return;

  app.addHook('onRequest', (_req, _reply, done) => {
    runWithReadContext({ preferReplica: false, minLsn: null, replica: null, servedBy: null }, done);
  });

  app.addHook('preHandler', async (req) => {
    const ctx = currentReadContext();
    if (!ctx || !replicaMayServe(req)) return;
    const wrote = req.cookies[WROTE_COOKIE];
    // a cookie that is not an LSN (tampered, or from an older version) sends the reads to the primary
    ctx.minLsn = wrote === undefined ? null : (parseLsn(wrote) ?? BEYOND_ANY_LSN);
    ctx.preferReplica = true;
    ctx.servedBy = null;
  });

  app.addHook('onSend', async (req, reply) => {
    const ctx = currentReadContext();
    if (ctx?.servedBy && replicaMayServe(req)) reply.header('x-jinguo-read-from', ctx.servedBy);
    if (isRead(req.method) || reply.statusCode >= 400 || !req.actor) return;
    const lsn = await observer.primaryLsn().catch(() => null);
    if (!lsn) return;
    reply.setCookie(WROTE_COOKIE, lsn, {
      path: '/',
      httpOnly: true,
      sameSite: 'strict',
      secure: req.protocol === 'https',
      maxAge: WROTE_COOKIE_SECONDS,
    });
  });
}
