import { sql, type ExpressionBuilder, type Kysely, type SelectQueryBuilder, type Selectable, type Transaction } from 'kysely';
import type { UserRole } from '@jinguo/common/enums.ts';
import type { Database, OrgsTable } from '../db/database.ts';
import { AppError } from './app-error.ts';
import type { Actor } from './types.ts';

/**
 * Access follows the tree: an actor sees and changes only rows of orgs whose path starts with the actor's
 * org path. Every query over org-owned rows filters through these helpers.
 */
export type Db = Kysely<Database> | Transaction<Database>;
/** writers take a transaction: their audit row and their other rows commit or fail together */
export type Trx = Transaction<Database>;

export function subtreePattern(path: string): string {
  return `${path}%`;
}

/**
 * Joins the org of org-owned rows as `o` and keeps the rows whose org lies in the subtree at `path`: the one
 * place the subtree rule is written for queries over persons, positions, users, sites, activities and audit.
 */
export function joinOrgInSubtree<DB extends Database, TB extends keyof DB & string, O>(
  qb: SelectQueryBuilder<DB, TB, O>,
  j: { on: `${TB}.org_id`; path: string },
): SelectQueryBuilder<DB & { o: OrgsTable }, TB | 'o', O> {
  const untyped = qb as unknown as SelectQueryBuilder<Database & { o: OrgsTable; x: { org_id: string } }, 'o' | 'x', O>;
  const joined = untyped.innerJoin('orgs as o', 'o.id', j.on as 'x.org_id').where('o.path', 'like', subtreePattern(j.path));
  return joined as unknown as SelectQueryBuilder<DB & { o: OrgsTable }, TB | 'o', O>;
}

/**
 * Shared definitions (activity kinds, metrics) seen from an org: system ones (no owner) and those owned by an
 * ancestor-or-self of the org. `ownerId` and `ownerPath` name the owner column and the owner org's path.
 */
export function ownedByAncestorOrSystem(orgPath: string, refs: { ownerId: string; ownerPath: string }) {
  return (eb: ExpressionBuilder<any, any>) =>
    eb.or([eb(sql.ref(refs.ownerId), 'is', null), eb(sql.val(orgPath), 'like', sql<string>`${sql.ref(refs.ownerPath)} || '%'`)]);
}

export function requireRole(actor: Actor, ...roles: UserRole[]): void {
  if (!roles.includes(actor.role)) throw new AppError('FORBIDDEN');
}

export type ScopedOrg = Pick<
  Selectable<OrgsTable>,
  'id' | 'name' | 'path' | 'depth' | 'parent_id' | 'province_code' | 'kind' | 'level' | 'status' | 'division_code'
>;

/** the org, if it lies in the actor's subtree; otherwise OUT_OF_SCOPE (404, so ids outside leak nothing) */
export async function requireOrgInScope(db: Db, actor: Actor, orgId: string): Promise<ScopedOrg> {
  const org = await db
    .selectFrom('orgs')
    .select(['id', 'name', 'path', 'depth', 'parent_id', 'province_code', 'kind', 'level', 'status', 'division_code'])
    .where('id', '=', orgId)
    .where('path', 'like', subtreePattern(actor.orgPath))
    .executeTakeFirst();
  if (!org) throw new AppError('OUT_OF_SCOPE', { details: { orgId } });
  return { ...org, province_code: org.province_code.trim() };
}

export async function requireActiveOrgInScope(db: Db, actor: Actor, orgId: string): Promise<ScopedOrg> {
  const org = await requireOrgInScope(db, actor, orgId);
  if (org.status !== 'active') throw new AppError('ORG_CLOSED');
  return org;
}
