import { applyMigrations } from '../db/migrate.ts';
import { openDatabase } from '../db/open.ts';
import { describeDatabase, parseCommandArgs, type CliContext } from './cli-context.ts';

export async function migrateCommand(ctx: CliContext, args: string[]): Promise<void> {
  parseCommandArgs(args, { options: {}, positionals: [] });
  const handle = await openDatabase(ctx.config);
  try {
    const applied = await applyMigrations(handle.db);
    ctx.out(`数据库：${describeDatabase(ctx.config)}`);
    ctx.out(applied.length > 0 ? `已应用 ${applied.length} 个迁移：${applied.join('、')}` : '数据库结构已是最新，没有需要应用的迁移');
  } finally {
    await handle.close();
  }
}
