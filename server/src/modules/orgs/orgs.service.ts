import type { z } from 'zod';
import type { OrgDetail, OrgSummary, orgSearchQuery, orgSearchResult } from '@jinguo/common/orgs.schema.ts';
import { containsPattern } from '../../db/like.ts';
import { pathsWithinScope } from '../../db/org-paths.ts';
import { requireOrgInScope, type Db } from '../../http/access.ts';
import { AppError } from '../../http/app-error.ts';
import type { Actor } from '../../http/types.ts';
import { findOrgsByPaths, findOrgWithChildCount, listChildOrgs, searchOrgsByName, type OrgRowWithChildCount } from './orgs.queries.ts';

/**
 * Reading the tree. Every role reads its own org's subtree; nothing above the actor's org is ever shown, not
 * even as a breadcrumb or a path name. Closed orgs appear in lists only when asked for.
 */
export function toOrgSummary(row: OrgRowWithChildCount): OrgSummary {
  return {
    id: row.id,
    parentId: row.parent_id,
    name: row.name,
    kind: row.kind,
    level: row.level,
    depth: row.depth,
    divisionCode: row.division_code,
    status: row.status,
    childCount: Number(row.child_count),
  };
}

/** id and name of the orgs from the actor's org down to the org at `path` (in the actor's subtree), top first */
export async function breadcrumbsOf(db: Db, actor: Actor, path: string): Promise<{ id: string; name: string }[]> {
  const crumbs = await findOrgsByPaths(db, pathsWithinScope(actor.orgPath, path));
  return crumbs.map((c) => ({ id: c.id, name: c.name }));
}

/** the detail of an org already known to be in the actor's subtree */
export async function describeOrg(db: Db, actor: Actor, orgId: string): Promise<OrgDetail> {
  const row = await findOrgWithChildCount(db, orgId);
  if (!row) throw new AppError('OUT_OF_SCOPE', { details: { orgId } });
  return {
    ...toOrgSummary(row),
    provinceCode: row.province_code.trim(),
    breadcrumbs: await breadcrumbsOf(db, actor, row.path),
    canManage: actor.role === 'admin',
  };
}

export function getRootOrg(db: Db, actor: Actor): Promise<OrgDetail> {
  return describeOrg(db, actor, actor.orgId);
}

export async function getOrg(db: Db, actor: Actor, orgId: string): Promise<OrgDetail> {
  await requireOrgInScope(db, actor, orgId);
  return describeOrg(db, actor, orgId);
}

export async function listChildren(db: Db, actor: Actor, orgId: string, opts: { includeClosed: boolean }): Promise<{ items: OrgSummary[] }> {
  await requireOrgInScope(db, actor, orgId);
  const rows = await listChildOrgs(db, orgId, opts);
  return { items: rows.map(toOrgSummary) };
}

export async function searchOrgs(
  db: Db,
  actor: Actor,
  query: Pick<z.infer<typeof orgSearchQuery>, 'q' | 'limit'> & { includeClosed: boolean },
): Promise<z.infer<typeof orgSearchResult>> {
  const rows = await searchOrgsByName(db, {
    subtreePath: actor.orgPath,
    pattern: containsPattern(query.q),
    includeClosed: query.includeClosed,
    limit: query.limit,
  });
  // names of every org between the actor's org and each match, fetched in one query
  const below = (path: string) => pathsWithinScope(actor.orgPath, path).filter((p) => p !== actor.orgPath);
  const names = new Map((await findOrgsByPaths(db, [...new Set(rows.flatMap((r) => below(r.path)))])).map((o) => [o.path, o.name]));
  return {
    items: rows.map((r) => {
      const trail = below(r.path).map((p) => names.get(p) ?? '');
      return { ...toOrgSummary(r), pathNames: (trail.length > 0 ? trail : [r.name]).join(' / ') };
    }),
  };
}
