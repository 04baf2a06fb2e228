import type { Kysely } from 'kysely';
import type { Database } from './db/database.ts';
import type { DatabaseObserver } from './db/open.ts';
import type { PersonalDataCipher } from './security/personal-data.ts';

/** What the modules need from the outside world; built once by main.ts or by the test helpers. */
export type AppDeps = {
  db: Kysely<Database>;
  dbKind: 'pglite' | 'postgres';
  /** pools and replicas, for /api/health and /metrics (absent: nothing to report) */
  dbObserver?: DatabaseObserver;
  /** GET /metrics requires this bearer token when set */
  metricsToken?: string;
  cipher: PersonalDataCipher;
  /** uploaded files live here (under DATA_DIR) */
  filesDir: string;
  /** built web app to serve, if any */
  webDir?: string;
  logLevel?: string;
  /** honour X-Forwarded-* headers (only behind a reverse proxy) */
  trustProxy?: boolean;
  now?: () => Date;
};
