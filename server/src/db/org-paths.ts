/**
 * Pure helpers on materialised org paths ('14.07.23.' — every segment ends with '.'), shared by the modules
 * that read the tree.
 */

/** activity_rollups keeps the totals of orgs down to this depth (province, city, county, township) */
export const ROLLUP_MAX_DEPTH = 3;

/** the ancestor-or-self paths of a path: 'a.b.c.' → ['a.', 'a.b.', 'a.b.c.'] */
export function ancestorPaths(path: string): string[] {
  const parts = path.split('.').filter(Boolean);
  return parts.map((_, i) => `${parts.slice(0, i + 1).join('.')}.`);
}

/** the ancestor-or-self paths of `path` at or below `scopePath`, top first */
export function pathsWithinScope(scopePath: string, path: string): string[] {
  return ancestorPaths(path).filter((p) => p.length >= scopePath.length);
}

export function parentPathOf(path: string): string {
  return path.slice(0, path.lastIndexOf('.', path.length - 2) + 1);
}

export function lastSegmentOf(path: string): string {
  return path.slice(parentPathOf(path).length, -1);
}
