import type { Db } from '../../http/access.ts';
import { subtreePattern } from '../../http/access.ts';

export async function listAuditEntries(
  db: Db,
  q: { orgPath: string; provinceCode: string; from?: string; to?: string; entity?: string; action?: string; page: number; pageSize: number },
) {
  let base = db
    .selectFrom('audit_log as a')
    .innerJoin('orgs as o', 'o.id', 'a.org_id')
    .where('a.province_code', '=', q.provinceCode)
    .where('o.path', 'like', subtreePattern(q.orgPath));
  if (q.from) base = base.where('a.at', '>=', new Date(`${q.from}T00:00:00+08:00`));
  if (q.to) base = base.where('a.at', '<', new Date(new Date(`${q.to}T00:00:00+08:00`).getTime() + 86_400_000));
  if (q.entity) base = base.where('a.entity', '=', q.entity);
  if (q.action) base = base.where('a.action', '=', q.action);
  const [rows, total] = await Promise.all([
    base
      .select(['a.id', 'a.at', 'a.username', 'a.org_id', 'o.name as org_name', 'a.action', 'a.entity', 'a.entity_id', 'a.before', 'a.after', 'a.reason'])
      .orderBy('a.at', 'desc')
      .orderBy('a.id', 'desc')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(total.n),
    items: rows.map((r) => ({
      id: r.id,
      at: new Date(r.at).toISOString(),
      username: r.username,
      orgId: r.org_id,
      orgName: r.org_name,
      action: r.action,
      entity: r.entity,
      entityId: r.entity_id,
      before: r.before,
      after: r.after,
      reason: r.reason,
    })),
  };
}
