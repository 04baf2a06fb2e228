import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { sameSecret } from '../security/same-secret.ts';
import { AppError } from './app-error.ts';
import type { Actor, App } from './types.ts';

export const SESSION_COOKIE = 'jg_sid';
export const CSRF_HEADER = 'x-csrf-token';
export const IDLE_TIMEOUT_SECONDS = 30 * 60;
/** last_seen_at is written at most this often, so reads do not turn into writes */
const TOUCH_INTERVAL_MS = 60_000;

export function hashSessionToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('base64url');
}

async function findActor(db: Kysely<Database>, sessionId: string) {
  return db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .innerJoin('orgs as o', 'o.id', 'u.org_id')
    .select([
      's.id as sessionId',
      's.csrf_token as csrfToken',
      's.last_seen_at as lastSeenAt',
      'u.id as userId',
      'u.username',
      'u.display_name as displayName',
      'u.role',
      'u.disabled',
      'u.must_change_password as mustChangePassword',
      'o.id as orgId',
      'o.name as orgName',
      'o.path as orgPath',
      'o.depth as orgDepth',
      'o.province_code as provinceCode',
    ])
    .where('s.id', '=', sessionId)
    .executeTakeFirst();
}

/** a temporary password (set by an admin, who knows it) opens only what it takes to replace it */
const OPEN_WHILE_PASSWORD_MUST_CHANGE = new Set(['/api/auth/me', '/api/auth/password', '/api/auth/logout']);

function refuseWithoutCsrfToken(sent: string | string[] | undefined, expected: string): void {
  if (!sameSecret(typeof sent === 'string' ? sent : '', expected)) throw new AppError('CSRF_FAILED');
}

/**
 * Resolves the session cookie to an actor on every request; refuses requests without one unless the route is
 * public; enforces the idle timeout and the CSRF header on writes.
 */
export function registerSessionHook(app: App, db: Kysely<Database>, now: () => Date) {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (req) => {
    const isPublic = req.routeOptions.config?.public === true || !req.url.startsWith('/api/');
    const token = req.cookies?.[SESSION_COOKIE];
    if (token) {
      const sessionId = hashSessionToken(token);
      const row = await findActor(db, sessionId);
      if (row && !row.disabled) {
        const idleMs = now().getTime() - new Date(row.lastSeenAt).getTime();
        if (idleMs > IDLE_TIMEOUT_SECONDS * 1000) {
          await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
          if (!isPublic) throw new AppError('SESSION_EXPIRED');
        } else {
          if (idleMs > TOUCH_INTERVAL_MS) {
            await db.updateTable('sessions').set({ last_seen_at: now() }).where('id', '=', sessionId).execute();
          }
          const { lastSeenAt: _seen, disabled: _disabled, ...actor } = row;
          req.actor = { ...actor, provinceCode: actor.provinceCode.trim() } as Actor;
        }
      }
    }
    if (isPublic) return;
    if (!req.actor) throw new AppError('UNAUTHENTICATED');
    const isWrite = !['GET', 'HEAD', 'OPTIONS'].includes(req.method);
    if (isWrite) refuseWithoutCsrfToken(req.headers[CSRF_HEADER], req.actor.csrfToken);
    if (req.actor.mustChangePassword && !OPEN_WHILE_PASSWORD_MUST_CHANGE.has(req.routeOptions.url ?? '')) {
      throw new AppError('PASSWORD_CHANGE_REQUIRED');
    }
  });
}

export function requireActor(actor: Actor | null): Actor {
  if (!actor) throw new AppError('UNAUTHENTICATED');
  return actor;
}
