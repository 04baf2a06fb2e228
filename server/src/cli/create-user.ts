import type { Transaction } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { userRoleSchema } from '@jinguo/common/enums.ts';
import { userRoleLabels } from '@jinguo/common/labels.zh-CN.ts';
import { createUserBody } from '@jinguo/common/users.schema.ts';
import type { Database } from '../db/database.ts';
import { recordAudit } from '../modules/audit/audit.service.ts';
import { CliError, parseCommandArgs, withDatabase, type CliContext } from './cli-context.ts';
import { choosePassword } from './user-password.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** create-user --username U --org <division code | org id> --role admin|staff|executive [--name N] [--password P] */
export async function createUserCommand(ctx: CliContext, args: string[]): Promise<void> {
  const { values } = parseCommandArgs(args, {
    options: {
      username: { type: 'string' },
      org: { type: 'string' },
      role: { type: 'string' },
      name: { type: 'string' },
      password: { type: 'string' },
    },
    positionals: [],
  });
  if (!values.username || !values.org || !values.role) throw new CliError('请给出 --username、--org 和 --role');
  const username = createUserBody.shape.username.safeParse(values.username);
  if (!username.success) throw new CliError(username.error.issues[0].message);
  const role = userRoleSchema.safeParse(values.role);
  if (!role.success) throw new CliError('角色应为 admin（管理员）、staff（工作人员）或 executive（执委）');
  const displayName = (values.name ?? username.data).trim();
  if (displayName.length < 1 || displayName.length > 50) throw new CliError('姓名应为 1 至 50 个字');
  const chosen = await choosePassword(values.password, username.data);

  await withDatabase(ctx, ({ db }) =>
    db.transaction().execute(async (trx) => {
      const org = await findOrg(trx, values.org as string);
      if (await trx.selectFrom('users').select('id').where('username', '=', username.data).executeTakeFirst()) {
        throw new CliError(`用户名“${username.data}”已被使用`);
      }
      const id = uuidv7();
      await trx
        .insertInto('users')
        .values({ id, username: username.data, display_name: displayName, password_hash: chosen.hash, org_id: org.id, role: role.data, must_change_password: chosen.generated })
        .execute();
      await recordAudit(trx, null, {
        action: 'create',
        entity: 'user',
        entityId: id,
        orgId: org.id,
        provinceCode: org.province_code,
        after: { username: username.data, displayName, role: role.data, orgId: org.id },
        reason: '命令行 create-user',
      });
      ctx.out(`已创建用户 ${username.data}（${displayName}）：${org.name}，${userRoleLabels[role.data]}`);
    }),
  );
  if (chosen.generated) ctx.out(`初始密码：${chosen.password}（只显示这一次；首次登录后须修改）`);
}

async function findOrg(trx: Transaction<Database>, ref: string) {
  const query = trx.selectFrom('orgs').select(['id', 'name', 'province_code', 'status']);
  let org;
  if (UUID.test(ref)) org = await query.where('id', '=', ref).executeTakeFirst();
  else if (/^\d{2,12}$/.test(ref)) org = await query.where('division_code', '=', ref).executeTakeFirst();
  else throw new CliError('--org 应为行政区划代码（如 140723）或组织 ID');
  if (!org) throw new CliError(`找不到组织 ${ref}：行政区划可先用 load-divisions 载入`);
  if (org.status !== 'active') throw new CliError(`组织“${org.name}”已撤销，不能再添加用户`);
  return { ...org, province_code: org.province_code.trim() };
}
