import type { Kysely } from 'kysely';
import type { Database } from './db/database.ts';
import type { PersonalDataCipher } from './security/personal-data.ts';

/** What the modules need from the outside world; built once by main.ts or by the test helpers. */
export type AppDeps = {
  db: Kysely<Database>;
  dbKind: 'pglite' | 'postgres';
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
