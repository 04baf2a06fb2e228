import fs from 'node:fs';
import path from 'node:path';
import { runPgTool } from './pg-tools.ts';
import { dumpPglite } from './pglite-archive.ts';
import { CliError, describeDatabase, parseCommandArgs, type CliContext } from './cli-context.ts';

/** backup <file> [--force]: PGlite's dump of its data directory, or pg_dump -Fc for PostgreSQL */
export async function backupCommand(ctx: CliContext, args: string[]): Promise<void> {
  const { values, positionals } = parseCommandArgs(args, { options: { force: { type: 'boolean' } }, positionals: ['文件'] });
  const file = path.resolve(positionals[0]);
  if (fs.existsSync(file) && !values.force) throw new CliError(`文件 ${file} 已存在：换一个文件名，或加 --force 覆盖`);
  if (!fs.existsSync(path.dirname(file))) throw new CliError(`目录 ${path.dirname(file)} 不存在`);
  const { databaseUrl, dataDir } = ctx.config;
  if (databaseUrl) {
    await runPgTool('pg_dump', ['--format=custom', '--no-owner', `--file=${file}`], databaseUrl);
  } else {
    await dumpPglite(dataDir, file);
  }
  const megabytes = (fs.statSync(file).size / 1024 / 1024).toFixed(1);
  ctx.out(`已备份到 ${file}（${megabytes} MB）；数据库：${describeDatabase(ctx.config)}`);
  ctx.out('备份不含数据加密密钥：请另行妥善保管 JINGUO_DATA_KEY 或数据目录中的 secrets/data.key，恢复时需要同一密钥。');
  if (!databaseUrl) ctx.out(`活动附件不在备份内：请一并复制 ${path.join(dataDir, 'files')}。`);
}
