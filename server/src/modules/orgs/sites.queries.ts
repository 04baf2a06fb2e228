import type { Insertable, Updateable } from 'kysely';
import type { SitesTable } from '../../db/database.ts';
import { joinOrgInSubtree, type Db, type Trx } from '../../http/access.ts';

const siteColumns = ['s.province_code', 's.id', 's.org_id', 's.kind', 's.name', 's.address', 's.status'] as const;

export function listSitesOfOrg(db: Db, q: { orgId: string; provinceCode: string; includeClosed: boolean }) {
  let s = db.selectFrom('sites as s').select(siteColumns).where('s.province_code', '=', q.provinceCode).where('s.org_id', '=', q.orgId);
  if (!q.includeClosed) s = s.where('s.status', '=', 'active');
  return s.orderBy('s.status').orderBy('s.name').execute();
}

/** the site with its org's status, if its org lies in the subtree at `subtreePath` (the province keeps it on the primary key) */
export function findSiteInSubtree(db: Db, q: { id: string; provinceCode: string; subtreePath: string }) {
  const site = db.selectFrom('sites as s').where('s.province_code', '=', q.provinceCode).where('s.id', '=', q.id);
  return joinOrgInSubtree(site, { on: 's.org_id', path: q.subtreePath })
    .select([...siteColumns, 'o.status as org_status', 'o.name as org_name'])
    .executeTakeFirst();
}

export async function insertSite(trx: Trx, site: Insertable<SitesTable>): Promise<void> {
  await trx.insertInto('sites').values(site).execute();
}

export async function updateSiteRow(trx: Trx, key: { provinceCode: string; id: string }, changes: Updateable<SitesTable>): Promise<void> {
  await trx.updateTable('sites').set(changes).where('province_code', '=', key.provinceCode).where('id', '=', key.id).execute();
}
