import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Config } from '../config.ts';
import { applyMigrations } from '../db/migrate.ts';
import { openDatabase, type DatabaseHandle } from '../db/open.ts';

/** What a command gets: the configuration and a way to print a line. Commands throw CliError for the operator's mistakes. */
export type CliContext = { config: Config; out: (line: string) => void };

export class CliError extends Error {}

type Options = NonNullable<ParseArgsConfig['options']>;

/** node:util parseArgs with Chinese messages and an exact number of positional arguments */
export function parseCommandArgs<O extends Options>(args: string[], spec: { options: O; positionals: string[] }) {
  let parsed;
  try {
    parsed = parseArgs({ args, options: spec.options, allowPositionals: true, strict: true });
  } catch (err) {
    const name = /'([^']+)'/.exec((err as Error).message)?.[1] ?? '';
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new CliError(`未知的选项：${name}`);
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') throw new CliError(`选项 ${name} 缺少取值`);
    throw new CliError(`参数有误：${(err as Error).message}`);
  }
  if (parsed.positionals.length !== spec.positionals.length) {
    const wanted = spec.positionals.map((p) => `<${p}>`).join(' ');
    throw new CliError(parsed.positionals.length < spec.positionals.length ? `缺少参数：${wanted}` : `多余的参数：${parsed.positionals.slice(spec.positionals.length).join(' ')}`);
  }
  return parsed;
}

/** opens the configured database (taking the data directory's lock) with every migration applied */
export async function openMigrated(ctx: CliContext): Promise<DatabaseHandle> {
  const handle = await openDatabase(ctx.config);
  try {
    const applied = await applyMigrations(handle.db);
    if (applied.length > 0) ctx.out(`已应用数据库迁移：${applied.join('、')}`);
    return handle;
  } catch (err) {
    await handle.close();
    throw err;
  }
}

export async function withDatabase<T>(ctx: CliContext, use: (handle: DatabaseHandle) => Promise<T>): Promise<T> {
  const handle = await openMigrated(ctx);
  try {
    return await use(handle);
  } finally {
    await handle.close();
  }
}

export function describeDatabase(config: Config): string {
  return config.databaseUrl ? 'PostgreSQL 数据库' : `内置数据库 ${config.dataDir}`;
}
