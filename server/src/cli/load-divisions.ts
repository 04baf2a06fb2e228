import { loadDivisions } from '../seed/divisions.ts';
import { parseDivisionScope } from '../seed/division-data.ts';
import { CliError, parseCommandArgs, withDatabase, type CliContext } from './cli-context.ts';

export async function loadDivisionsCommand(ctx: CliContext, args: string[]): Promise<void> {
  const { positionals } = parseCommandArgs(args, { options: {}, positionals: ['代码|all'] });
  const code = positionals[0];
  try {
    parseDivisionScope(code);
  } catch (err) {
    throw new CliError((err as Error).message);
  }
  if (code === 'all') ctx.out('正在载入全国行政区划（约 66.5 万个组织），需要一两分钟，请稍候……');
  await withDatabase(ctx, async ({ db }) => {
    const started = Date.now();
    const result = await loadDivisions(db, code);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    ctx.out(`已载入行政区划 ${code}：共 ${result.total} 个组织，新增 ${result.inserted} 个，已有 ${result.existing} 个，用时 ${seconds} 秒`);
  });
}
