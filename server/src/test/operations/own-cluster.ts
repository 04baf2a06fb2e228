import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
// the test script's own cluster tooling: a test that stops, restarts or replicates a server needs one of its own
import { startThrowawayPostgres, startThrowawayReplica } from '../../../../scripts/pg-throwaway.mjs';
import { applyMigrations } from '../../db/migrate.ts';
import { openPostgres, type PostgresOptions } from '../../db/open.ts';
import type { TestDatabase } from '../fresh-db.ts';

export type Cluster = {
  url: string;
  port: number;
  dir: string;
  stop: () => Promise<void>;
  /** stop the server (fast shutdown) and start it again on the same port */
  pause: () => Promise<void>;
  resume: () => Promise<void>;
};

export const startCluster = (): Promise<Cluster> => startThrowawayPostgres({ log: () => {} });
export const startReplicaOf = (primary: Cluster): Promise<Cluster> => startThrowawayReplica(primary, { log: () => {} });

/** a migrated database on the cluster, opened the way the app opens it (replicas and pooling options included) */
export async function openTestDatabase(url: string, opts: PostgresOptions & { migrateUrl?: string } = {}): Promise<TestDatabase> {
  const migrating = openPostgres(opts.migrateUrl ?? url, { max: 1 });
  await applyMigrations(migrating.db);
  await migrating.close();
  const handle = openPostgres(url, opts);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jinguo-ops-'));
  return {
    ...handle,
    dataDir,
    close: async () => {
      await handle.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
