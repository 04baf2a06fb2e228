import { v7 as uuidv7 } from 'uuid';
import type { Transaction, Updateable } from 'kysely';
import type { z } from 'zod';
import type { UserRole } from '@jinguo/common/enums.ts';
import type { createPersonBody, personListQuery, PersonView, unmaskBody, updatePersonBody } from '@jinguo/common/people.schema.ts';
import type { Database, PersonsTable } from '../../db/database.ts';
import type { AppDeps } from '../../deps.ts';
import { requireActiveOrgInScope, requireOrgInScope, requireRole, type Db } from '../../http/access.ts';
import { AppError } from '../../http/app-error.ts';
import type { Actor } from '../../http/types.ts';
import { maskIdNumber, maskPhone, type PersonalDataCipher } from '../../security/personal-data.ts';
import { recordAudit } from '../audit/audit.service.ts';
import {
  findPersonByIdNumberHash,
  findPersonUnder,
  insertPerson,
  listPersonsUnder,
  lockIdNumber,
  readSealedNumber,
  updatePersonRow,
  type PersonRow,
} from './people.queries.ts';

/**
 * Persons belong to an org and are seen and changed through the actor's subtree; admins and staff write them.
 * Phone and ID numbers are kept only as AES-GCM ciphertext, a masked form and a keyed fingerprint: responses and
 * audit rows carry the masked form, and a clear number is shown only to admins and staff who give a reason,
 * each time leaving an audit row. An ID number is registered once per province.
 */
export type PeopleDeps = Pick<AppDeps, 'db' | 'cipher'>;
type CreatePersonInput = z.infer<typeof createPersonBody>;
type UpdatePersonInput = z.infer<typeof updatePersonBody>;

export const PERSON_WRITERS: UserRole[] = ['admin', 'staff'];

export async function requirePersonInScope(db: Db, actor: Actor, id: string): Promise<PersonRow> {
  const row = await findPersonUnder(db, { id, provinceCode: actor.provinceCode, scopePath: actor.orgPath });
  if (!row) throw new AppError('OUT_OF_SCOPE', { details: { personId: id } });
  return row;
}

export async function listPersons(deps: PeopleDeps, actor: Actor, query: z.infer<typeof personListQuery>) {
  const scope = query.orgId ? await requireOrgInScope(deps.db, actor, query.orgId) : { path: actor.orgPath };
  const { items, total } = await listPersonsUnder(deps.db, {
    provinceCode: actor.provinceCode,
    scopePath: scope.path,
    ...searchTerms(deps.cipher, query.q),
    page: query.page,
    pageSize: query.pageSize,
  });
  return { items: items.map(toPersonView), total };
}

/** a whole phone or ID number is looked up by its fingerprint; anything else is part of a name */
function searchTerms(cipher: PersonalDataCipher, q: string | undefined) {
  if (!q) return {};
  if (/^1[3-9]\d{9}$/.test(q)) return { phoneHash: cipher.fingerprint(q) };
  if (/^\d{17}[\dXx]$/.test(q)) return { idNumberHash: cipher.fingerprint(q.toUpperCase()) };
  return { name: q };
}

export async function getPerson(db: Db, actor: Actor, id: string): Promise<PersonView> {
  return toPersonView(await requirePersonInScope(db, actor, id));
}

export async function createPerson(deps: PeopleDeps, actor: Actor, input: CreatePersonInput): Promise<PersonView> {
  requireRole(actor, ...PERSON_WRITERS);
  const { orgId, phone, idNumber, ...details } = input;
  return deps.db.transaction().execute(async (trx) => {
    const org = await requireActiveOrgInScope(trx, actor, orgId);
    const id = uuidv7();
    await insertPerson(trx, {
      province_code: org.province_code,
      id,
      org_id: org.id,
      name: details.name,
      gender: details.gender ?? null,
      ethnicity: details.ethnicity,
      education: details.education,
      political_status: details.politicalStatus,
      workplace: details.workplace,
      notes: details.notes,
      ...sealPhone(deps.cipher, phone ?? null),
      ...(await sealIdNumber(trx, deps.cipher, actor, { provinceCode: org.province_code, idNumber: idNumber ?? null })),
    });
    const after = toPersonView(await requirePersonInScope(trx, actor, id));
    await recordAudit(trx, actor, { action: 'create', entity: 'person', entityId: id, orgId: org.id, provinceCode: org.province_code, after });
    return after;
  });
}

export async function updatePerson(deps: PeopleDeps, actor: Actor, id: string, input: UpdatePersonInput, now: Date): Promise<PersonView> {
  requireRole(actor, ...PERSON_WRITERS);
  return deps.db.transaction().execute(async (trx) => {
    const current = await requirePersonInScope(trx, actor, id);
    const key = { id, provinceCode: current.province_code };
    const values = detailColumns(input);
    if (input.orgId !== undefined && input.orgId !== current.org_id) {
      const org = await requireActiveOrgInScope(trx, actor, input.orgId);
      values.org_id = org.id;
    }
    if (input.phone !== undefined) Object.assign(values, sealPhone(deps.cipher, input.phone));
    if (input.idNumber !== undefined) {
      Object.assign(values, await sealIdNumber(trx, deps.cipher, actor, { ...key, idNumber: input.idNumber, exceptId: id }));
    }
    await updatePersonRow(trx, key, { ...values, updated_at: now });
    const before = toPersonView(current);
    const after = toPersonView(await requirePersonInScope(trx, actor, id));
    await recordAudit(trx, actor, { action: 'update', entity: 'person', entityId: id, orgId: after.orgId, provinceCode: key.provinceCode, before, after });
    return after;
  });
}

export async function unmaskPersonNumber(deps: PeopleDeps, actor: Actor, id: string, input: z.infer<typeof unmaskBody>) {
  requireRole(actor, 'admin', 'staff');
  return deps.db.transaction().execute(async (trx) => {
    const person = await requirePersonInScope(trx, actor, id);
    const sealed = await readSealedNumber(trx, { id, provinceCode: person.province_code, field: input.field });
    const masked = input.field === 'phone' ? person.phone_masked : person.id_number_masked;
    await recordAudit(trx, actor, {
      action: 'unmask',
      entity: 'person',
      entityId: id,
      orgId: person.org_id,
      provinceCode: person.province_code,
      after: { field: input.field, masked },
      reason: input.reason,
    });
    return { value: sealed ? deps.cipher.decrypt(Buffer.from(sealed)) : null };
  });
}

function detailColumns(input: UpdatePersonInput): Updateable<PersonsTable> {
  const columns: Updateable<PersonsTable> = {
    name: input.name,
    gender: input.gender,
    ethnicity: input.ethnicity,
    education: input.education,
    political_status: input.politicalStatus,
    workplace: input.workplace,
    notes: input.notes,
  };
  return Object.fromEntries(Object.entries(columns).filter(([, v]) => v !== undefined));
}

function sealPhone(cipher: PersonalDataCipher, phone: string | null) {
  if (!phone) return { phone_enc: null, phone_masked: null, phone_hash: null };
  return { phone_enc: cipher.encrypt(phone), phone_masked: maskPhone(phone), phone_hash: cipher.fingerprint(phone) };
}

async function sealIdNumber(
  trx: Transaction<Database>,
  cipher: PersonalDataCipher,
  actor: Actor,
  q: { provinceCode: string; idNumber: string | null; exceptId?: string },
) {
  if (!q.idNumber) return { id_number_enc: null, id_number_masked: null, id_number_hash: null };
  const hash = cipher.fingerprint(q.idNumber);
  await lockIdNumber(trx, { provinceCode: q.provinceCode, hash });
  const holder = await findPersonByIdNumberHash(trx, { provinceCode: q.provinceCode, hash, exceptId: q.exceptId });
  if (holder) {
    // name the holder only to those who may see them
    const visible = holder.path.startsWith(actor.orgPath);
    const message = visible ? `该身份证号已登记在“${holder.name}”名下，请勿重复录入` : '该身份证号已在本省其他单位登记，请联系上级妇联核实';
    throw new AppError('DUPLICATE', {
      message: `身份证号重复：${message}`,
      fields: [{ path: 'body.idNumber', message }],
      details: visible ? { personId: holder.id } : undefined,
    });
  }
  return { id_number_enc: cipher.encrypt(q.idNumber), id_number_masked: maskIdNumber(q.idNumber), id_number_hash: hash };
}

export function toPersonView(r: PersonRow): PersonView {
  return {
    id: r.id,
    orgId: r.org_id,
    orgName: r.org_name,
    name: r.name,
    gender: r.gender,
    ethnicity: r.ethnicity,
    education: r.education,
    politicalStatus: r.political_status,
    workplace: r.workplace,
    phone: r.phone_masked,
    idNumber: r.id_number_masked,
    notes: r.notes,
  };
}
