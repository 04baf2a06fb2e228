import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
// the test script's own cluster tooling: a test that stops, restarts or replicates a server needs one of its own
import { startThrowawayPostgres, startThrowawayReplica, type ThrowawayCluster } from '../../../../scripts/pg-throwaway.mjs';
import { applyMigrations } from '../../db/migrate.ts';
import { openPostgres, type PostgresOptions } from '../../db/open.ts';
import { withScratchDir, type TestDatabase } from '../fresh-db.ts';

export type Cluster = ThrowawayCluster;

export const startCluster = (): Promise<Cluster> => startThrowawayPostgres({ log: () => {} });
export const startReplicaOf = (primary: Cluster): Promise<Cluster> => startThrowawayReplica(primary, { log: () => {} });

/** a migrated database on the cluster, opened the way the app opens it (replicas and pooling options included) */
export async function openTestDatabase(url: string, opts: PostgresOptions & { migrateUrl?: string } = {}): Promise<TestDatabase> {
  const migrating = openPostgres(opts.migrateUrl ?? url, { max: 1 });
  await applyMigrations(migrating.db);
  await migrating.close();
  return withScratchDir(openPostgres(url, opts), fs.mkdtempSync(path.join(os.tmpdir(), 'jinguo-ops-')));
}
