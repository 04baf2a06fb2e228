import path from 'node:path';
import { z } from 'zod';
import { PGLITE_DEFAULT_SHARED_BUFFERS } from './db/open.ts';

const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'DATABASE_URL 须以 postgres:// 开头').optional(),
  /**
   * the embedded database's buffer cache, held in the app's memory from the start (PostgreSQL's own default is
   * 128MB; the data beyond it is read through the operating system's file cache)
   */
  PGLITE_SHARED_BUFFERS: z
    .string()
    .regex(/^\d+(kB|MB|GB)$/, 'PGLITE_SHARED_BUFFERS 应写成 32MB 这样的形式')
    .default(PGLITE_DEFAULT_SHARED_BUFFERS),
  /** one or more streaming replicas, comma-separated: read-only requests go there */
  DATABASE_REPLICA_URL: z
    .string()
    .optional()
    .transform((v) => (v ?? '').split(',').map((u) => u.trim()).filter(Boolean))
    .refine((urls) => urls.every((u) => /^postgres(ql)?:\/\//.test(u)), 'DATABASE_REPLICA_URL 的每一项须以 postgres:// 开头'),
  /** connections of each pool (the primary's and each replica's) per app process */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(10),
  /** a replica further behind than this (seconds) serves nothing until it catches up */
  REPLICA_MAX_LAG_SECONDS: z.coerce.number().min(0).max(3600).default(10),
  /** when set, GET /metrics needs the header Authorization: Bearer <token> */
  METRICS_TOKEN: z.string().min(16, 'METRICS_TOKEN 至少 16 个字符').optional(),
  JINGUO_ADMIN_PASSWORD: z.string().optional(),
  /** base64 of 32 bytes; when unset a key file is kept in DATA_DIR (never in the database) */
  JINGUO_DATA_KEY: z.string().optional(),
  /** set to true only when a reverse proxy (nginx …) sets X-Forwarded-For and X-Forwarded-Proto */
  TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.string().default('production'),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  pgliteSharedBuffers: string;
  replicaUrls: string[];
  poolSize: number;
  maxReplicaLagSeconds: number;
  metricsToken: string | undefined;
  adminPassword: string | undefined;
  dataKey: string | undefined;
  logLevel: string;
  trustProxy: boolean;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`配置有误：\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  return {
    port: c.PORT,
    host: c.HOST,
    dataDir: path.resolve(c.DATA_DIR),
    databaseUrl: c.DATABASE_URL,
    pgliteSharedBuffers: c.PGLITE_SHARED_BUFFERS,
    replicaUrls: c.DATABASE_REPLICA_URL,
    poolSize: c.DATABASE_POOL_SIZE,
    maxReplicaLagSeconds: c.REPLICA_MAX_LAG_SECONDS,
    metricsToken: c.METRICS_TOKEN,
    adminPassword: c.JINGUO_ADMIN_PASSWORD,
    dataKey: c.JINGUO_DATA_KEY,
    logLevel: c.LOG_LEVEL,
    trustProxy: c.TRUST_PROXY === 'true',
  };
}
