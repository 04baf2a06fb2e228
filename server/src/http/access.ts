import { sql, type ExpressionBuilder, type Kysely, type Transaction } from 'kysely';
import type { UserRole } from '@jinguo/common/enums.ts';
import type { Database } from '../db/database.ts';
import { AppError } from './app-error.ts';
import type { Actor } from './types.ts';

/**
 * Access follows the tree: an actor sees and changes only rows of orgs whose path starts with the actor's
 * org path. Every query over org-owned rows filters through these helpers.
 */
export type Db = Kysely<Database> | Transaction<Database>;

export function subtreePattern(path: string): string {
  return `${path}%`;
}

/** `orgs.path like 'actor-path%'` for an orgs alias in the query */
export function orgInActorSubtree<A extends string>(actor: Actor, alias: A) {
  return (eb: ExpressionBuilder<any, any>) => eb(sql.ref(`${alias}.path`), 'like', subtreePattern(actor.orgPath));
}

export function requireRole(actor: Actor, ...roles: UserRole[]): void {
  if (!roles.includes(actor.role)) throw new AppError('FORBIDDEN');
}

export type ScopedOrg = {
  id: string;
  name: string;
  path: string;
  depth: number;
  parent_id: string | null;
  province_code: string;
  kind: Database['orgs']['kind'];
  level: Database['orgs']['level'];
  status: 'active' | 'closed';
  division_code: string | null;
};

/** the org, if it lies in the actor's subtree; otherwise OUT_OF_SCOPE (404, so ids outside leak nothing) */
export async function requireOrgInScope(db: Db, actor: Actor, orgId: string): Promise<ScopedOrg> {
  const org = await db
    .selectFrom('orgs')
    .select(['id', 'name', 'path', 'depth', 'parent_id', 'province_code', 'kind', 'level', 'status', 'division_code'])
    .where('id', '=', orgId)
    .where('path', 'like', subtreePattern(actor.orgPath))
    .executeTakeFirst();
  if (!org) throw new AppError('OUT_OF_SCOPE', { details: { orgId } });
  return { ...org, province_code: org.province_code.trim() } as ScopedOrg;
}

export async function requireActiveOrgInScope(db: Db, actor: Actor, orgId: string): Promise<ScopedOrg> {
  const org = await requireOrgInScope(db, actor, orgId);
  if (org.status !== 'active') throw new AppError('ORG_CLOSED');
  return org;
}
