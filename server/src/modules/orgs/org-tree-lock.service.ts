import type { Transaction } from 'kysely';
import type { Database } from '../../db/database.ts';
import { lockProvinceTree, lockProvinceTreeShared } from './orgs.queries.ts';

/**
 * One advisory lock per province's tree. Changes of the tree (create, rename, close, move) take it exclusively
 * and run one at a time; writers of records whose derived data depends on org paths (activities and their
 * rollups) take it shared, so a move waits for them and they never compute from a path a move is rewriting.
 */
export async function holdProvinceTreeExclusive(trx: Transaction<Database>, provinceCode: string): Promise<void> {
  await lockProvinceTree(trx, provinceCode);
}

export async function holdProvinceTreeShared(trx: Transaction<Database>, provinceCode: string): Promise<void> {
  await lockProvinceTreeShared(trx, provinceCode);
}
