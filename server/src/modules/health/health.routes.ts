import { sql } from 'kysely';
import { z } from 'zod';
import type { AppDeps } from '../../deps.ts';
import { AppError } from '../../http/app-error.ts';
import type { App } from '../../http/types.ts';

const replicaStatus = z.object({
  name: z.string().describe('主机:端口/数据库'),
  state: z.enum(['up', 'lagging', 'down']),
  lagSeconds: z.number().nullable().describe('落后主库的秒数'),
  lagBytes: z.number().nullable().describe('尚未回放的 WAL 字节数'),
  checkedAt: z.string().nullable(),
  error: z.string().nullable(),
});

const healthResponse = z.object({
  status: z.literal('ok'),
  database: z.enum(['pglite', 'postgres']),
  time: z.string(),
  replicas: z.array(replicaStatus),
  pools: z.array(z.object({ pool: z.string(), total: z.number(), idle: z.number(), waiting: z.number() })),
});

export function registerHealthRoutes(app: App, deps: AppDeps) {
  app.get(
    '/api/health',
    {
      config: { public: true },
      schema: { tags: ['运行'], summary: '健康检查（数据库、只读副本延迟、连接池）', response: { 200: healthResponse } },
    },
    async () => {
      try {
        await sql`select 1`.execute(deps.db);
      } catch {
        throw new AppError('SERVICE_UNAVAILABLE');
      }
      return {
        status: 'ok' as const,
        database: deps.dbKind,
        time: new Date().toISOString(),
        replicas: (await deps.dbObserver?.checkReplicas()) ?? [],
        pools: deps.dbObserver?.poolUse() ?? [],
      };
    },
  );
}
