import { v7 as uuidv7 } from 'uuid';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { PositionRole } from '@jinguo/common/enums.ts';
import type { createPositionBody, endPositionBody, PositionView } from '@jinguo/common/people.schema.ts';
import type { Database } from '../../db/database.ts';
import { requireActiveOrgInScope, requireOrgInScope, requireRole, type Db } from '../../http/access.ts';
import { AppError, invalidField } from '../../http/app-error.ts';
import type { Actor } from '../../http/types.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { PERSON_WRITERS, requirePersonInScope } from './people.service.ts';
import {
  deletePositionRow,
  findOverlappingPosition,
  findPositionUnder,
  insertPosition,
  listOrgPositions,
  listPersonPositionsUnder,
  setPositionEndDate,
  type PositionRow,
} from './positions.queries.ts';

/**
 * A position is a person's role in an org over a term (届次). Person and org must both lie in the actor's subtree,
 * hence in one province; admins and staff record, end and delete positions, everyone in scope reads them. The
 * roster lists an org's serving positions unless ended ones are asked for, ranked as the federation ranks them.
 */
const ROLE_RANK: PositionRole[] = ['chair', 'vice_chair', 'standing_committee', 'executive', 'representative', 'staff', 'volunteer'];

export async function getRoster(db: Db, actor: Actor, orgId: string, q: { includeEnded: boolean; today: string }) {
  const org = await requireOrgInScope(db, actor, orgId);
  const rows = await listOrgPositions(db, {
    orgId: org.id,
    orgPath: org.path,
    provinceCode: org.province_code,
    servingOn: q.includeEnded ? undefined : q.today,
  });
  const rank = (r: PositionRow) => ROLE_RANK.indexOf(r.role);
  return { items: [...rows].sort((a, b) => rank(a) - rank(b)).map(toPositionView) };
}

export async function listPersonPositions(db: Db, actor: Actor, personId: string) {
  const person = await requirePersonInScope(db, actor, personId);
  const rows = await listPersonPositionsUnder(db, { personId, provinceCode: person.province_code, scopePath: actor.orgPath });
  return { items: rows.map(toPositionView) };
}

export async function createPosition(db: Kysely<Database>, actor: Actor, input: z.infer<typeof createPositionBody>): Promise<PositionView> {
  requireRole(actor, ...PERSON_WRITERS);
  return db.transaction().execute(async (trx) => {
    const person = await requirePersonInScope(trx, actor, input.personId);
    const org = await requireActiveOrgInScope(trx, actor, input.orgId);
    const values = {
      province_code: org.province_code,
      person_id: person.id,
      org_id: org.id,
      role: input.role,
      appointment_type: input.appointmentType ?? null,
      start_date: input.startDate,
      end_date: input.endDate ?? null,
      term: input.term,
    };
    const overlap = await findOverlappingPosition(trx, {
      provinceCode: values.province_code,
      personId: values.person_id,
      orgId: values.org_id,
      role: values.role,
      startDate: values.start_date,
      endDate: values.end_date,
    });
    if (overlap) {
      throw new AppError('DUPLICATE', { message: `该人员在${org.name}已有同一职务（自 ${overlap.start_date} 起），任职期间不能重叠` });
    }
    const id = uuidv7();
    await insertPosition(trx, { id, ...values });
    const after = toPositionView(await requirePositionInScope(trx, actor, id));
    await recordAudit(trx, actor, { action: 'create', entity: 'position', entityId: id, orgId: org.id, provinceCode: org.province_code, after });
    return after;
  });
}

export async function endPosition(db: Kysely<Database>, actor: Actor, id: string, input: z.infer<typeof endPositionBody>, now: Date): Promise<PositionView> {
  requireRole(actor, ...PERSON_WRITERS);
  return db.transaction().execute(async (trx) => {
    const current = await requirePositionInScope(trx, actor, id);
    if (current.end_date) throw new AppError('CONFLICT', { message: `该职务已于 ${current.end_date} 离任` });
    if (input.endDate < current.start_date) throw invalidField('body.endDate', `离任日期不能早于任职日期 ${current.start_date}`);
    await setPositionEndDate(trx, { id, provinceCode: current.province_code }, input.endDate, now);
    const before = toPositionView(current);
    const after = toPositionView(await requirePositionInScope(trx, actor, id));
    await recordAudit(trx, actor, { action: 'update', entity: 'position', entityId: id, orgId: current.org_id, provinceCode: current.province_code, before, after });
    return after;
  });
}

/** for positions entered by mistake; a position that ended is ended, not deleted */
export async function deletePosition(db: Kysely<Database>, actor: Actor, id: string) {
  requireRole(actor, ...PERSON_WRITERS);
  await db.transaction().execute(async (trx) => {
    const current = await requirePositionInScope(trx, actor, id);
    await deletePositionRow(trx, { id, provinceCode: current.province_code });
    await recordAudit(trx, actor, {
      action: 'delete',
      entity: 'position',
      entityId: id,
      orgId: current.org_id,
      provinceCode: current.province_code,
      before: toPositionView(current),
    });
  });
  return { ok: true as const };
}

async function requirePositionInScope(db: Db, actor: Actor, id: string): Promise<PositionRow> {
  const row = await findPositionUnder(db, { id, provinceCode: actor.provinceCode, scopePath: actor.orgPath });
  if (!row) throw new AppError('OUT_OF_SCOPE', { details: { positionId: id } });
  return row;
}

function toPositionView(r: PositionRow): PositionView {
  return {
    id: r.id,
    personId: r.person_id,
    personName: r.person_name,
    orgId: r.org_id,
    orgName: r.org_name,
    role: r.role,
    appointmentType: r.appointment_type,
    startDate: r.start_date,
    endDate: r.end_date,
    term: r.term,
  };
}
