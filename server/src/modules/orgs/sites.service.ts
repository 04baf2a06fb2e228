import type { Kysely, Selectable } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import type { createSiteBody, Site, updateSiteBody } from '@jinguo/common/orgs.schema.ts';
import type { Database, SitesTable } from '../../db/database.ts';
import { requireActiveOrgInScope, requireOrgInScope, requireRole, type Db } from '../../http/access.ts';
import { AppError } from '../../http/app-error.ts';
import type { Actor } from '../../http/types.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { findSiteInSubtree, insertSite, listSitesOfOrg, updateSiteRow } from './sites.queries.ts';

/**
 * Service sites (妇女之家, 妇女微家) hang on an org. Everyone reads those of their subtree; staff and admins add
 * and edit them. A closed org gets no new or reopened sites.
 */
type SiteRow = Pick<Selectable<SitesTable>, 'id' | 'org_id' | 'kind' | 'name' | 'address' | 'status'>;

function toSite(row: SiteRow): Site {
  return { id: row.id, orgId: row.org_id, kind: row.kind, name: row.name, address: row.address, status: row.status };
}

export async function listSites(db: Db, actor: Actor, orgId: string, opts: { includeClosed: boolean }): Promise<{ items: Site[] }> {
  const org = await requireOrgInScope(db, actor, orgId);
  const rows = await listSitesOfOrg(db, { orgId: org.id, provinceCode: org.province_code, includeClosed: opts.includeClosed });
  return { items: rows.map(toSite) };
}

export async function createSite(db: Kysely<Database>, actor: Actor, input: z.infer<typeof createSiteBody>, now: Date): Promise<Site> {
  requireRole(actor, 'admin', 'staff');
  return db.transaction().execute(async (trx) => {
    const org = await requireActiveOrgInScope(trx, actor, input.orgId);
    const row = { id: uuidv7(), org_id: org.id, kind: input.kind, name: input.name, address: input.address, status: 'active' as const };
    await insertSite(trx, { ...row, province_code: org.province_code, created_at: now, updated_at: now });
    await recordAudit(trx, actor, { action: 'create', entity: 'site', entityId: row.id, orgId: org.id, provinceCode: org.province_code, after: row });
    return toSite(row);
  });
}

export async function updateSite(db: Kysely<Database>, actor: Actor, siteId: string, input: z.infer<typeof updateSiteBody>, now: Date): Promise<Site> {
  requireRole(actor, 'admin', 'staff');
  return db.transaction().execute(async (trx) => {
    const found = await findSiteInSubtree(trx, { id: siteId, provinceCode: actor.provinceCode, subtreePath: actor.orgPath });
    if (!found) throw new AppError('OUT_OF_SCOPE', { details: { siteId } });
    const { province_code, org_status, org_name, ...before } = found;
    if (input.status === 'active' && before.status !== 'active' && org_status !== 'active') {
      throw new AppError('ORG_CLOSED', { message: `${org_name}已撤销，不能恢复其阵地` });
    }
    const after = { ...before, ...input };
    const changed = (Object.keys(input) as (keyof typeof input)[]).filter((k) => input[k] !== before[k]);
    if (changed.length === 0) return toSite(before);
    await updateSiteRow(trx, { provinceCode: province_code, id: siteId }, { ...input, updated_at: now });
    await recordAudit(trx, actor, {
      action: 'update',
      entity: 'site',
      entityId: siteId,
      orgId: before.org_id,
      provinceCode: province_code,
      before: Object.fromEntries(changed.map((k) => [k, before[k]])),
      after: Object.fromEntries(changed.map((k) => [k, after[k]])),
    });
    return toSite(after);
  });
}
