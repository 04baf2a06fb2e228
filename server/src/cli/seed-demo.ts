import { createCipher, loadDataKey } from '../security/personal-data.ts';
import { seedDemo } from '../seed/demo.ts';
import { CliError, parseCommandArgs, withDatabase, type CliContext } from './cli-context.ts';

export async function seedDemoCommand(ctx: CliContext, args: string[]): Promise<void> {
  parseCommandArgs(args, { options: {}, positionals: [] });
  await withDatabase(ctx, async ({ db }) => {
    if (await db.selectFrom('orgs').select('id').limit(1).executeTakeFirst()) {
      throw new CliError('数据库中已有组织数据：演示数据只能在空数据库中生成');
    }
    const cipher = createCipher(loadDataKey({ configured: ctx.config.dataKey, dataDir: ctx.config.dataDir }));
    const started = Date.now();
    const logins = await seedDemo({ db, cipher }, { adminPassword: ctx.config.adminPassword });
    ctx.out(`已生成演示数据（和顺县妇联），用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒。演示账号（密码只显示这一次，请妥善保存）：`);
    for (const l of logins) ctx.out(`  ${l.username.padEnd(12)} ${l.password.padEnd(20)} ${l.orgName} ${l.roleLabel}`);
  });
}
