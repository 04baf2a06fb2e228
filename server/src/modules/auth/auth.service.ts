import crypto from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { passwordIsStrong } from '@jinguo/common/auth.schema.ts';
import type { Database } from '../../db/database.ts';
import { AppError } from '../../http/app-error.ts';
import { hashSessionToken, IDLE_TIMEOUT_SECONDS } from '../../http/session.ts';
import type { Actor } from '../../http/types.ts';
import { hashPassword, verifyPassword } from '../../security/passwords.ts';
import { recordAudit } from '../audit/audit.service.ts';

/**
 * Sign-in rules (multi-level protection scheme): argon2id hashes, lockout for 15 minutes after 5 failures in a
 * row, sessions that end after 30 idle minutes, and a CSRF token per session for every write.
 */
export const MAX_FAILED_ATTEMPTS = 5;
export const LOCKOUT_MINUTES = 15;

let dummyHash: Promise<string> | null = null;

type LoginCandidate = { id: string; username: string; org_id: string; province_code: string };

/**
 * Counts a failure with an atomic increment and decides from the value it returns: requests sent at the same
 * moment each take one step towards the lockout. Failures and lockouts are audited.
 */
async function countFailedLogin(db: Kysely<Database>, user: LoginCandidate, now: Date): Promise<never> {
  const lockedUntil = new Date(now.getTime() + LOCKOUT_MINUTES * 60_000);
  const failed = await db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('users')
      .set({ failed_attempts: sql<number>`failed_attempts + 1` })
      .where('id', '=', user.id)
      .returning('failed_attempts')
      .executeTakeFirstOrThrow();
    const lock = row.failed_attempts >= MAX_FAILED_ATTEMPTS;
    if (lock) await trx.updateTable('users').set({ failed_attempts: 0, locked_until: lockedUntil }).where('id', '=', user.id).execute();
    await recordAudit(trx, { userId: user.id, username: user.username }, {
      action: lock ? 'login_locked' : 'login_failed',
      entity: 'user',
      entityId: user.id,
      orgId: user.org_id,
      provinceCode: user.province_code,
      after: { failedAttempts: row.failed_attempts },
    });
    return row.failed_attempts;
  });
  if (failed >= MAX_FAILED_ATTEMPTS) throw new AppError('ACCOUNT_LOCKED', { details: { lockedUntil: lockedUntil.toISOString() } });
  throw new AppError('LOGIN_FAILED', { message: `用户名或密码错误，还可尝试 ${MAX_FAILED_ATTEMPTS - failed} 次` });
}

export async function login(db: Kysely<Database>, input: { username: string; password: string }, now: Date) {
  const user = await db
    .selectFrom('users as u')
    .innerJoin('orgs as o', 'o.id', 'u.org_id')
    .select(['u.id', 'u.username', 'u.password_hash', 'u.failed_attempts', 'u.locked_until', 'u.disabled', 'o.province_code', 'u.org_id'])
    .where('u.username', '=', input.username)
    .executeTakeFirst();
  if (!user) {
    // spend the same time as a real check so that unknown names cannot be told apart
    dummyHash ??= hashPassword('not-a-real-password-Aa1!');
    await verifyPassword(await dummyHash, input.password);
    throw new AppError('LOGIN_FAILED');
  }
  if (user.locked_until && new Date(user.locked_until) > now) {
    throw new AppError('ACCOUNT_LOCKED', { details: { lockedUntil: new Date(user.locked_until).toISOString() } });
  }
  if (user.disabled) throw new AppError('ACCOUNT_DISABLED');
  if (!(await verifyPassword(user.password_hash, input.password))) await countFailedLogin(db, user, now);
  const token = crypto.randomBytes(32).toString('base64url');
  const csrf = crypto.randomBytes(24).toString('base64url');
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ failed_attempts: 0, locked_until: null, last_login_at: now }).where('id', '=', user.id).execute();
    await trx
      .insertInto('sessions')
      .values({ id: hashSessionToken(token), user_id: user.id, csrf_token: csrf, last_seen_at: now })
      .execute();
    await recordAudit(trx, { userId: user.id, username: user.username }, {
      action: 'login',
      entity: 'user',
      entityId: user.id,
      orgId: user.org_id,
      provinceCode: user.province_code,
    });
  });
  return { token, csrfToken: csrf };
}

export async function logout(db: Kysely<Database>, actor: Actor) {
  await db.deleteFrom('sessions').where('id', '=', actor.sessionId).execute();
}

export function describeActor(actor: Actor) {
  return {
    user: {
      id: actor.userId,
      username: actor.username,
      displayName: actor.displayName,
      role: actor.role,
      mustChangePassword: actor.mustChangePassword,
    },
    org: { id: actor.orgId, name: actor.orgName, path: actor.orgPath, depth: actor.orgDepth, provinceCode: actor.provinceCode },
    csrfToken: actor.csrfToken,
    idleTimeoutSeconds: IDLE_TIMEOUT_SECONDS,
  };
}

export function assertStrongPassword(password: string, username?: string) {
  if (!passwordIsStrong(password)) throw new AppError('WEAK_PASSWORD');
  if (username && password.toLowerCase().includes(username.toLowerCase())) {
    throw new AppError('WEAK_PASSWORD', { message: '密码不能包含用户名' });
  }
}

export async function changePassword(db: Kysely<Database>, actor: Actor, input: { oldPassword: string; newPassword: string }, now: Date) {
  const user = await db.selectFrom('users').select(['password_hash']).where('id', '=', actor.userId).executeTakeFirstOrThrow();
  if (!(await verifyPassword(user.password_hash, input.oldPassword))) throw new AppError('WRONG_PASSWORD');
  assertStrongPassword(input.newPassword, actor.username);
  const hash = await hashPassword(input.newPassword);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ password_hash: hash, must_change_password: false, updated_at: now }).where('id', '=', actor.userId).execute();
    // other sessions of this user end; this one stays
    await trx.deleteFrom('sessions').where('user_id', '=', actor.userId).where('id', '!=', actor.sessionId).execute();
    await recordAudit(trx, actor, {
      action: 'change_password',
      entity: 'user',
      entityId: actor.userId,
      orgId: actor.orgId,
      provinceCode: actor.provinceCode,
    });
  });
}
