import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { applyMigrations, listMigrations } from '../../db/migrate.ts';
import { openPostgres } from '../../db/open.ts';
import { onCluster, testDbKind, withDatabase } from '../fresh-db.ts';

/** app processes of a rolling deploy start together on an empty database: each migration is applied once */
describe.skipIf(testDbKind() !== 'postgres')('migrations from several processes at once', () => {
  it('applies each migration once and lets every process start', async () => {
    const admin = process.env.JINGUO_TEST_PG_URL!;
    const name = `migrate_${crypto.randomBytes(4).toString('hex')}`;
    await onCluster(admin, `create database ${name}`);
    const handles = Array.from({ length: 3 }, () => openPostgres(withDatabase(admin, name), { max: 1 }));
    try {
      const applied = await Promise.all(handles.map((h) => applyMigrations(h.db)));
      expect(applied.flat().sort()).toEqual(listMigrations().map((m) => m.name));
    } finally {
      for (const h of handles) await h.close();
      await onCluster(admin, `drop database if exists ${name} with (force)`);
    }
  });
});
