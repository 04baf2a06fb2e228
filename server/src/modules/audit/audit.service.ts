import { v7 as uuidv7 } from 'uuid';
import type { Transaction } from 'kysely';
import type { z } from 'zod';
import type { auditListQuery } from '@jinguo/common/audit.schema.ts';
import type { Database } from '../../db/database.ts';
import { requireOrgInScope, requireRole, type Db } from '../../http/access.ts';
import type { Actor } from '../../http/types.ts';
import { listAuditEntries } from './audit.queries.ts';

/**
 * Every change is written to the audit log inside the transaction that makes it: who, when, what, before and
 * after. Records hold masked personal data only. Admins read the log of their subtree.
 */
export type AuditEntry = {
  action: string;
  entity: string;
  entityId: string | null;
  orgId: string | null;
  provinceCode: string;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
};

export async function recordAudit(trx: Transaction<Database>, actor: Pick<Actor, 'userId' | 'username'> | null, e: AuditEntry) {
  await trx
    .insertInto('audit_log')
    .values({
      province_code: e.provinceCode,
      id: uuidv7(),
      user_id: actor?.userId ?? null,
      username: actor?.username ?? null,
      org_id: e.orgId,
      action: e.action,
      entity: e.entity,
      entity_id: e.entityId,
      before: e.before === undefined ? null : JSON.stringify(e.before),
      after: e.after === undefined ? null : JSON.stringify(e.after),
      reason: e.reason ?? null,
    })
    .execute();
}

export async function listAudit(db: Db, actor: Actor, query: z.infer<typeof auditListQuery>) {
  requireRole(actor, 'admin');
  const org = query.orgId ? await requireOrgInScope(db, actor, query.orgId) : { path: actor.orgPath };
  const { items, total } = await listAuditEntries(db, { ...query, orgPath: org.path, provinceCode: actor.provinceCode });
  return {
    total,
    items: items.map((r) => ({
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
