import crypto from 'node:crypto';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { AppDeps } from '../deps.ts';
import { AppError } from './app-error.ts';
import type { App } from './types.ts';

/** a route template (/api/persons/:id), never the raw URL: bounded label values and no personal data */
const routeLabel = (url: string | undefined) => url ?? '未匹配';

function sameToken(given: string, expected: string) {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

/**
 * GET /metrics in the Prometheus text format: request rate, latency and errors per route, database pool use,
 * replica lag, and Node's own process figures. Each app has its own registry (tests build many apps).
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
  new Gauge({
    name: 'jinguo_db_connections_served_total',
    help: 'Connections handed to queries, by target (primary or replica)',
    labelNames: ['target'] as const,
    registers: [registry],
    collect() {
      const served = deps.dbObserver?.connectionsServed;
      if (!served) return;
      this.set({ target: 'primary' }, served.primary);
      this.set({ target: 'replica' }, served.replica);
    },
  });
  new Gauge({
    name: 'jinguo_db_replica_lag_seconds',
    help: 'Replay lag of each streaming replica (-1: unreachable)',
    labelNames: ['replica'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const r of (await deps.dbObserver?.checkReplicas()) ?? []) {
        this.set({ replica: r.name }, r.state === 'down' ? -1 : (r.lagSeconds ?? 0));
      }
    },
  });

  app.addHook('onResponse', async (req, reply) => {
    const route = routeLabel(req.routeOptions.url);
    requests.inc({ method: req.method, route, status: String(reply.statusCode) });
    duration.observe({ method: req.method, route }, reply.elapsedTime / 1000);
  });

  app.get('/metrics', { config: { public: true }, schema: { hide: true } }, async (req, reply) => {
    if (deps.metricsToken && !sameToken(req.headers.authorization ?? '', `Bearer ${deps.metricsToken}`)) {
      throw new AppError('UNAUTHENTICATED');
    }
    reply.header('content-type', registry.contentType);
    return registry.metrics();
  });
}
