import type { Transaction } from 'kysely';
import type { Database } from '../../db/database.ts';
import { ancestorPaths, ROLLUP_MAX_DEPTH } from '../../db/org-paths.ts';
import { findRollupOrgIds, rebuildRollupsOf } from './activity-rollups.queries.ts';

/**
 * What other modules may ask of the rollups. A move changes the rollups of: ancestors (depth <= 3) above the old
 * place but not the new one and the reverse, whose subtrees lose or gain the moved activities, and moved orgs
 * that were or become depth <= 3. Common ancestors keep their totals, so the province and usually the county are
 * not recomputed. Runs in the move's transaction, which holds the province's tree lock exclusively.
 */
export async function refreshRollupsAfterMove(
  trx: Transaction<Database>,
  m: { provinceCode: string; oldParentPath: string; newParentPath: string; newPath: string; depthDelta: number },
): Promise<void> {
  const before = ancestorPaths(m.oldParentPath);
  const after = ancestorPaths(m.newParentPath);
  const changed = [...before.filter((p) => !after.includes(p)), ...after.filter((p) => !before.includes(p))];
  const subtreeMaxDepth = Math.max(ROLLUP_MAX_DEPTH, ROLLUP_MAX_DEPTH + m.depthDelta);
  const orgIds = await findRollupOrgIds(trx, { paths: changed, subtreePath: m.newPath, subtreeMaxDepth });
  await rebuildRollupsOf(trx, m.provinceCode, orgIds);
}
