import { spawn } from 'node:child_process';
import { CliError } from './cli-context.ts';

/** where pg_dump and pg_restore are looked for after PATH: the Debian packages of PostgreSQL 15 */
const FALLBACK_DIRS = ['/usr/lib/postgresql/15/bin'];

/**
 * Runs pg_dump or pg_restore against the configured database. The password goes in PGPASSWORD rather than on
 * the command line, where other users of the machine could read it.
 */
export async function runPgTool(tool: 'pg_dump' | 'pg_restore', args: string[], databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const password = decodeURIComponent(url.password);
  url.password = '';
  const env = password ? { ...process.env, PGPASSWORD: password } : process.env;
  for (const binary of [tool, ...FALLBACK_DIRS.map((d) => `${d}/${tool}`)]) {
    const result = await run(binary, [...args, `--dbname=${url.toString()}`], env);
    if (result === 'missing') continue;
    if (result.code !== 0) throw new CliError(`${tool} 执行失败（退出码 ${result.code}）：\n${result.stderr.trim()}`);
    return;
  }
  throw new CliError(`找不到 ${tool}：请安装 PostgreSQL 15 客户端（Debian：postgresql-client-15），或把它的 bin 目录加入 PATH`);
}

function run(binary: string, args: string[], env: NodeJS.ProcessEnv): Promise<'missing' | { code: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { env, stdio: ['ignore', 'inherit', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.on('error', (err: NodeJS.ErrnoException) => (err.code === 'ENOENT' ? resolve('missing') : reject(err)));
    child.on('close', (code) => resolve({ code: code ?? 1, stderr }));
  });
}
