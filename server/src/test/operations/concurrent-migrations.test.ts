import crypto from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { applyMigrations, listMigrations } from '../../db/migrate.ts';
import { openPostgres } from '../../db/open.ts';
import { testDbKind } from '../fresh-db.ts';

/** app processes of a rolling deploy start together on an empty database: each migration is applied once */
describe.skipIf(testDbKind() !== 'postgres')('migrations from several processes at once', () => {
  it('applies each migration once and lets every process start', async () => {
    const admin = process.env.JINGUO_TEST_PG_URL!;
    const name = `migrate_${crypto.randomBytes(4).toString('hex')}`;
    const run = async (q: string) => {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(q).finally(() => c.end());
    };
    await run(`create database ${name}`);
    const handles = Array.from({ length: 3 }, () => openPostgres(Object.assign(new URL(admin), { pathname: `/${name}` }).toString(), { max: 1 }));
    try {
      const applied = await Promise.all(handles.map((h) => applyMigrations(h.db)));
      expect(applied.flat().sort()).toEqual(listMigrations().map((m) => m.name));
    } finally {
      for (const h of handles) await h.close();
      await run(`drop database if exists ${name} with (force)`);
    }
  });
});
