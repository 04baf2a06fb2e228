import { v7 as uuidv7 } from 'uuid';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { createUserBody, resetPasswordBody, updateUserBody, userListQuery, UserView } from '@jinguo/common/users.schema.ts';
import type { Database } from '../../db/database.ts';
import { requireActiveOrgInScope, requireOrgInScope, requireRole, type Db } from '../../http/access.ts';
import { AppError } from '../../http/app-error.ts';
import type { Actor } from '../../http/types.ts';
import { hashPassword } from '../../security/passwords.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { assertStrongPassword } from '../auth/auth.service.ts';
import { requirePersonInScope } from '../people/people.service.ts';
import { endSessionsOf, findUserUnder, insertUser, listUsersUnder, updateUserRow, usernameTaken, type UserRow } from './users.queries.ts';

/**
 * Admins manage the users of their subtree; staff and executives manage none. An admin cannot disable or demote
 * themselves (the subtree would be left without anyone to manage it) nor reset their own password here. A new or
 * reset password is one the user must change at next sign-in; a reset also lifts a lockout and ends the user's
 * sessions, and so does disabling. Password hashes never leave this module.
 */
export async function listUsers(db: Db, actor: Actor, query: z.infer<typeof userListQuery>, now: Date) {
  requireRole(actor, 'admin');
  const scope = query.orgId ? await requireOrgInScope(db, actor, query.orgId) : { path: actor.orgPath };
  const { items, total } = await listUsersUnder(db, { scopePath: scope.path, page: query.page, pageSize: query.pageSize });
  return { items: items.map((r) => toUserView(r, now)), total };
}

export async function createUser(db: Kysely<Database>, actor: Actor, input: z.infer<typeof createUserBody>, now: Date): Promise<UserView> {
  requireRole(actor, 'admin');
  assertStrongPassword(input.password, input.username);
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    const org = await requireActiveOrgInScope(trx, actor, input.orgId);
    if (input.personId) await requirePersonInScope(trx, actor, input.personId);
    if (await usernameTaken(trx, input.username)) {
      const message = `用户名“${input.username}”已被使用`;
      throw new AppError('DUPLICATE', { message, fields: [{ path: 'body.username', message }] });
    }
    const id = uuidv7();
    await insertUser(trx, {
      id,
      username: input.username,
      display_name: input.displayName,
      password_hash: passwordHash,
      org_id: org.id,
      role: input.role,
      person_id: input.personId ?? null,
      must_change_password: true,
    });
    const after = toUserView(await requireUserInScope(trx, actor, id), now);
    await recordAudit(trx, actor, { action: 'create', entity: 'user', entityId: id, orgId: org.id, provinceCode: org.province_code, after });
    return after;
  });
}

export async function updateUser(db: Kysely<Database>, actor: Actor, id: string, input: z.infer<typeof updateUserBody>, now: Date): Promise<UserView> {
  requireRole(actor, 'admin');
  if (id === actor.userId && input.disabled === true) throw new AppError('FORBIDDEN', { message: '不能停用自己的账号' });
  if (id === actor.userId && input.role && input.role !== 'admin') throw new AppError('FORBIDDEN', { message: '不能取消自己的管理员角色' });
  return db.transaction().execute(async (trx) => {
    const current = await requireUserInScope(trx, actor, id);
    await updateUserRow(trx, id, { display_name: input.displayName, role: input.role, disabled: input.disabled, updated_at: now });
    if (input.disabled === true && !current.disabled) await endSessionsOf(trx, id);
    const before = toUserView(current, now);
    const after = toUserView(await requireUserInScope(trx, actor, id), now);
    await recordAudit(trx, actor, { action: 'update', entity: 'user', entityId: id, orgId: current.org_id, provinceCode: current.province_code.trim(), before, after });
    return after;
  });
}

export async function resetUserPassword(db: Kysely<Database>, actor: Actor, id: string, input: z.infer<typeof resetPasswordBody>, now: Date) {
  requireRole(actor, 'admin');
  if (id === actor.userId) throw new AppError('FORBIDDEN', { message: '请在“修改密码”中修改自己的密码' });
  const target = await requireUserInScope(db, actor, id);
  assertStrongPassword(input.newPassword, target.username);
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction().execute(async (trx) => {
    await requireUserInScope(trx, actor, id);
    await updateUserRow(trx, id, { password_hash: passwordHash, must_change_password: true, failed_attempts: 0, locked_until: null, updated_at: now });
    await endSessionsOf(trx, id);
    await recordAudit(trx, actor, { action: 'reset_password', entity: 'user', entityId: id, orgId: target.org_id, provinceCode: target.province_code.trim() });
  });
  return { ok: true as const };
}

async function requireUserInScope(db: Db, actor: Actor, id: string): Promise<UserRow> {
  const row = await findUserUnder(db, { id, scopePath: actor.orgPath });
  if (!row) throw new AppError('OUT_OF_SCOPE', { details: { userId: id } });
  return row;
}

function toUserView(r: UserRow, now: Date): UserView {
  const lockedUntil = r.locked_until && new Date(r.locked_until) > now ? new Date(r.locked_until).toISOString() : null;
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    orgId: r.org_id,
    orgName: r.org_name,
    role: r.role,
    personId: r.person_id,
    mustChangePassword: r.must_change_password,
    disabled: r.disabled,
    lockedUntil,
    lastLoginAt: r.last_login_at ? new Date(r.last_login_at).toISOString() : null,
  };
}
