import type { FastifyRequest } from 'fastify';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { AppDeps } from '../deps.ts';
import { sameSecret } from '../security/same-secret.ts';
import { AppError } from './app-error.ts';
import type { App } from './types.ts';

/** a route template (/api/persons/:id), never the raw URL: bounded label values and no personal data */
const routeLabel = (url: string | undefined) => url ?? '未匹配';

/** the request carries `Authorization: Bearer <METRICS_TOKEN>` (never true while no token is configured) */
export const hasMetricsToken = (req: FastifyRequest, token: string | undefined) =>
  Boolean(token) && sameSecret(req.headers.authorization ?? '', `Bearer ${token}`);

/**
 * GET /metrics in the Prometheus text format: request rate, latency and errors per route, database pool use,
 * replica state and lag, and Node's own process figures. Each app has its own registry (tests build many apps).
 * Only with METRICS_TOKEN set and sent: a reverse proxy passing everything on would otherwise publish the routes'
 * traffic and the database hosts. Replica figures are the ones checked every 2 s: a scrape queries no database.
 */
export function registerPrometheus(app: App, deps: AppDeps) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'jinguo_' });

  const requests = new Counter({
    name: 'jinguo_http_requests_total',
    help: 'HTTP requests answered, by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'jinguo_http_request_duration_seconds',
    help: 'Time to answer an HTTP request',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  new Gauge({
    name: 'jinguo_db_pool_connections',
    help: 'Database pool connections by pool and state (in use, idle, waiting requests)',
    labelNames: ['pool', 'state'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const p of deps.dbObserver?.poolUse() ?? []) {
        this.set({ pool: p.pool, state: 'in_use' }, p.total - p.idle);
        this.set({ pool: p.pool, state: 'idle' }, p.idle);
        this.set({ pool: p.pool, state: 'waiting' }, p.waiting);
      }
    },
  });
  new Counter({
    name: 'jinguo_db_connections_served_total',
    help: 'Connections handed to queries, by target (primary or replica)',
    labelNames: ['target'] as const,
    registers: [registry],
    collect() {
      const served = deps.dbObserver?.connectionsServed;
      if (!served) return;
      this.reset();
      this.inc({ target: 'primary' }, served.primary);
      this.inc({ target: 'replica' }, served.replica);
    },
  });
  new Gauge({
    name: 'jinguo_db_replica_up',
    help: 'Whether each streaming replica serves reads (1) or not (0: unreachable, too far behind, not checked yet)',
    labelNames: ['replica'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const r of deps.dbObserver?.replicaStatuses() ?? []) this.set({ replica: r.name }, r.state === 'up' ? 1 : 0);
    },
  });
  new Gauge({
    name: 'jinguo_db_replica_lag_seconds',
    help: 'Replay lag of each reachable streaming replica, as last checked',
    labelNames: ['replica'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const r of deps.dbObserver?.replicaStatuses() ?? []) if (r.lagSeconds !== null && r.state !== 'down') this.set({ replica: r.name }, r.lagSeconds);
    },
  });

  app.addHook('onResponse', async (req, reply) => {
    const route = routeLabel(req.routeOptions.url);
    requests.inc({ method: req.method, route, status: String(reply.statusCode) });
    duration.observe({ method: req.method, route }, reply.elapsedTime / 1000);
  });

  app.get('/metrics', { config: { public: true }, schema: { hide: true } }, async (req, reply) => {
    if (!deps.metricsToken) throw new AppError('NOT_FOUND', { message: '未启用运行指标（设置 METRICS_TOKEN 后以 Bearer 令牌访问）' });
    if (!hasMetricsToken(req, deps.metricsToken)) throw new AppError('UNAUTHENTICATED');
    reply.header('content-type', registry.contentType);
    return registry.metrics();
  });
}
