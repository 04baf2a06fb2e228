import { sql, type SelectQueryBuilder } from 'kysely';

/**
 * One page of a filtered query and the number of rows it has in all: `base` holds the joins and filters,
 * `pageRows` selects and orders a page's columns on top of it.
 */
export async function pageOf<DB, TB extends keyof DB, Row>(
  base: SelectQueryBuilder<DB, TB, {}>,
  pageRows: (base: SelectQueryBuilder<DB, TB, {}>) => SelectQueryBuilder<DB, TB, Row>,
  page: { page: number; pageSize: number },
): Promise<{ items: Row[]; total: number }> {
  const [items, count] = await Promise.all([
    pageRows(base)
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize)
      .execute(),
    base.select(sql<number>`count(*)`.as('n')).$castTo<{ n: number }>().executeTakeFirstOrThrow(),
  ]);
  return { items: items as Row[], total: Number(count.n) };
}
