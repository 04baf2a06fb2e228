import { sql } from 'kysely';
import { z } from 'zod';
import type { AppDeps } from '../../deps.ts';
import { AppError } from '../../http/app-error.ts';
import { hasMetricsToken } from '../../http/prometheus.ts';
import type { App } from '../../http/types.ts';

const replicaStatus = z.object({
  name: z.string().describe('副本1、副本2……；带运维令牌或管理员登录时为 主机:端口/数据库'),
  state: z.enum(['unknown', 'up', 'lagging', 'down']),
  lagSeconds: z.number().nullable().describe('落后主库的秒数'),
  lagBytes: z.number().nullable().describe('尚未回放的 WAL 字节数'),
  checkedAt: z.string().nullable(),
  error: z.string().nullable().describe('最近一次检查的错误（仅运维令牌或管理员可见）'),
});

const healthResponse = z.object({
  status: z.literal('ok'),
  database: z.enum(['pglite', 'postgres']),
  time: z.string(),
  replicas: z.array(replicaStatus),
  pools: z.array(z.object({ pool: z.string(), total: z.number(), idle: z.number(), waiting: z.number() })).describe('仅运维令牌或管理员可见'),
});

/**
 * /api/health: the database answers, and each replica's state and lag as last checked (every 2 s, so a caller
 * cannot make the databases work harder). Addresses, errors and pools — what an attacker maps a network with —
 * only with the metrics token or an admin's session.
 */
export function registerHealthRoutes(app: App, deps: AppDeps) {
  app.get(
    '/api/health',
    {
      config: { public: true },
      schema: { tags: ['运行'], summary: '健康检查（数据库、只读副本延迟、连接池）', response: { 200: healthResponse } },
    },
    async (req) => {
      try {
        await sql`select 1`.execute(deps.db);
      } catch {
        throw new AppError('SERVICE_UNAVAILABLE');
      }
      const detailed = hasMetricsToken(req, deps.metricsToken) || req.actor?.role === 'admin';
      const replicas = (deps.dbObserver?.replicaStatuses() ?? []).map((r, i) => ({
        name: detailed ? r.name : `副本${i + 1}`,
        state: r.state,
        lagSeconds: r.lagSeconds,
        lagBytes: r.lagBytes,
        checkedAt: r.checkedAt,
        error: detailed ? r.error : null,
      }));
      return {
        status: 'ok' as const,
        database: deps.dbKind,
        time: new Date().toISOString(),
        replicas,
        pools: detailed ? (deps.dbObserver?.poolUse() ?? []) : [],
      };
    },
  );
}
