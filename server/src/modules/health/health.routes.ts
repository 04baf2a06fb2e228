import { sql } from 'kysely';
import { z } from 'zod';
import type { AppDeps } from '../../deps.ts';
import { AppError } from '../../http/app-error.ts';
import type { App } from '../../http/types.ts';

export function registerHealthRoutes(app: App, deps: AppDeps) {
  app.get(
    '/api/health',
    {
      config: { public: true },
      schema: {
        tags: ['运行'],
        summary: '健康检查',
        response: { 200: z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']), time: z.string() }) },
      },
    },
    async () => {
      try {
        await sql`select 1`.execute(deps.db);
      } catch {
        throw new AppError('SERVICE_UNAVAILABLE');
      }
      return { status: 'ok' as const, database: deps.dbKind, time: new Date().toISOString() };
    },
  );
}
