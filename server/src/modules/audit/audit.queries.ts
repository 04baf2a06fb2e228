import { pageOf } from '../../db/paging.ts';
import { joinOrgInSubtree, type Db } from '../../http/access.ts';

export type AuditFilter = { orgPath: string; provinceCode: string; from?: string; to?: string; entity?: string; action?: string };

/** audit rows of orgs in the subtree at `orgPath`, newest first; `from` and `to` are days in Asia/Shanghai, both included */
export function listAuditEntries(db: Db, q: AuditFilter & { page: number; pageSize: number }) {
  let base = joinOrgInSubtree(db.selectFrom('audit_log as a').where('a.province_code', '=', q.provinceCode), { on: 'a.org_id', path: q.orgPath });
  if (q.from) base = base.where('a.at', '>=', new Date(`${q.from}T00:00:00+08:00`));
  if (q.to) base = base.where('a.at', '<', new Date(new Date(`${q.to}T00:00:00+08:00`).getTime() + 86_400_000));
  if (q.entity) base = base.where('a.entity', '=', q.entity);
  if (q.action) base = base.where('a.action', '=', q.action);
  const columns = ['a.id', 'a.at', 'a.username', 'a.org_id', 'o.name as org_name', 'a.action', 'a.entity', 'a.entity_id', 'a.before', 'a.after', 'a.reason'] as const;
  return pageOf(base, (b) => b.select(columns).orderBy('a.at', 'desc').orderBy('a.id', 'desc'), q);
}
