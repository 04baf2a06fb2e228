import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { describeDataKey } from './data-key-check.ts';
import { runPgTool } from './pg-tools.ts';
import { loadPglite } from './pglite-archive.ts';
import { openDatabase } from '../db/open.ts';
import { CliError, describeDatabase, parseCommandArgs, withDatabase, type CliContext } from './cli-context.ts';

/**
 * restore <file> [--force]: into an empty DATA_DIR (PGlite) or database (PostgreSQL: pg_restore --clean in one
 * transaction); a database that holds orgs is overwritten only with --force.
 */
export async function restoreCommand(ctx: CliContext, args: string[]): Promise<void> {
  const { values, positionals } = parseCommandArgs(args, { options: { force: { type: 'boolean' } }, positionals: ['文件'] });
  const file = path.resolve(positionals[0]);
  if (!fs.existsSync(file)) throw new CliError(`找不到备份文件 ${file}`);
  const force = values.force === true;
  const { databaseUrl, dataDir } = ctx.config;
  if (databaseUrl) {
    if (!force && (await postgresHoldsOrgs(databaseUrl))) throw new CliError('目标数据库中已有数据：恢复会覆盖它，确认覆盖请加 --force');
    await runPgTool('pg_restore', ['--clean', '--if-exists', '--no-owner', '--single-transaction', file], databaseUrl);
  } else {
    await loadPglite(dataDir, file, { force });
  }
  await withDatabase(ctx, async ({ db }) => {
    const count = async (table: 'orgs' | 'persons' | 'activities' | 'users') =>
      Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    ctx.out(`已从 ${file} 恢复（数据库：${describeDatabase(ctx.config)}）：组织 ${await count('orgs')} 个，人员 ${await count('persons')} 人，活动 ${await count('activities')} 条，用户 ${await count('users')} 个`);
    for (const line of await describeDataKey(db, ctx.config)) ctx.out(line);
  });
}

async function postgresHoldsOrgs(databaseUrl: string): Promise<boolean> {
  const handle = await openDatabase({ databaseUrl, dataDir: '' });
  try {
    const exists = await sql<{ t: string | null }>`select to_regclass('public.orgs')::text as t`.execute(handle.db);
    if (!exists.rows[0]?.t) return false;
    return Boolean(await handle.db.selectFrom('orgs').select('id').limit(1).executeTakeFirst());
  } finally {
    await handle.close();
  }
}
