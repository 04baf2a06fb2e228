import { loadConfig } from '../config.ts';
import { DirectoryLockedError } from '../db/directory-lock.ts';
import { backupCommand } from './backup.ts';
import { CliError, type CliContext } from './cli-context.ts';
import { createUserCommand } from './create-user.ts';
import { loadDivisionsCommand } from './load-divisions.ts';
import { migrateCommand } from './migrate.ts';
import { resetPasswordCommand } from './reset-password.ts';
import { restoreCommand } from './restore.ts';
import { seedDemoCommand } from './seed-demo.ts';

/** The operator's command line (npx jinguo …): dispatches to one file per command and turns failures into exit codes. */
export type CliIo = { out: (line: string) => void; err: (line: string) => void; env?: NodeJS.ProcessEnv };

const commands: Record<string, (ctx: CliContext, args: string[]) => Promise<void>> = {
  migrate: migrateCommand,
  'load-divisions': loadDivisionsCommand,
  'create-user': createUserCommand,
  'reset-password': resetPasswordCommand,
  'seed-demo': seedDemoCommand,
  backup: backupCommand,
  restore: restoreCommand,
};

export const USAGE = `用法：npx jinguo <命令> [参数]

命令：
  migrate                       应用数据库迁移
  load-divisions <代码|all>     载入行政区划的妇联组织：县级代码（如 140723）、省级代码（如 14）或 all（全国）
  create-user --username 用户名 --org 行政区划代码或组织ID --role admin|staff|executive [--name 姓名] [--password 密码]
                                创建用户；不给密码时生成强密码并显示一次
  reset-password <用户名> [--password 密码]
                                重置密码并解除登录锁定；不给密码时生成强密码并显示一次
  seed-demo                     在空数据库中生成演示数据（和顺县妇联）
  backup <文件> [--force]       备份数据库（--force 覆盖已有文件）
  restore <文件> [--force]      从备份恢复数据库（目标已有数据时须加 --force）

配置（环境变量）：DATA_DIR 数据目录（默认 ./data）；DATABASE_URL 使用 PostgreSQL 时的连接串；
JINGUO_DATA_KEY 数据加密密钥（未设置时使用数据目录中的 secrets/data.key）。`;

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    io.out(USAGE);
    return name ? 0 : 1;
  }
  const command = commands[name];
  if (!command) {
    io.err(`未知的命令：${name}\n\n${USAGE}`);
    return 1;
  }
  try {
    await command({ config: loadConfig(io.env), out: io.out }, args);
    return 0;
  } catch (err) {
    if (err instanceof CliError || err instanceof DirectoryLockedError) io.err(err.message);
    else io.err(`执行失败：${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
}
