import { recordAudit } from '../modules/audit/audit.service.ts';
import { CliError, parseCommandArgs, withDatabase, type CliContext } from './cli-context.ts';
import { choosePassword } from './user-password.ts';

/** reset-password <username> [--password P]: also lifts a lockout and ends the user's sessions */
export async function resetPasswordCommand(ctx: CliContext, args: string[]): Promise<void> {
  const { values, positionals } = parseCommandArgs(args, { options: { password: { type: 'string' } }, positionals: ['用户名'] });
  const username = positionals[0];
  const chosen = await choosePassword(values.password, username);
  await withDatabase(ctx, ({ db }) =>
    db.transaction().execute(async (trx) => {
      const user = await trx
        .selectFrom('users as u')
        .innerJoin('orgs as o', 'o.id', 'u.org_id')
        .select(['u.id', 'u.org_id', 'u.disabled', 'o.province_code'])
        .where('u.username', '=', username)
        .executeTakeFirst();
      if (!user) throw new CliError(`找不到用户 ${username}`);
      await trx
        .updateTable('users')
        .set({ password_hash: chosen.hash, must_change_password: chosen.generated, failed_attempts: 0, locked_until: null, updated_at: new Date() })
        .where('id', '=', user.id)
        .execute();
      await trx.deleteFrom('sessions').where('user_id', '=', user.id).execute();
      await recordAudit(trx, null, {
        action: 'reset_password',
        entity: 'user',
        entityId: user.id,
        orgId: user.org_id,
        provinceCode: user.province_code.trim(),
        reason: '命令行 reset-password',
      });
      ctx.out(`已重置用户 ${username} 的密码，并解除了登录锁定${user.disabled ? '（注意：该账号已停用）' : ''}`);
    }),
  );
  if (chosen.generated) ctx.out(`新密码：${chosen.password}（只显示这一次；登录后须修改）`);
}
