import { v7 as uuidv7 } from 'uuid';
import type { Insertable } from 'kysely';
import { idNumberSchema, phoneSchema } from '@jinguo/common/people.schema.ts';
import type { PersonsTable } from '../../db/database.ts';
import type { Trx } from '../../http/access.ts';
import { maskIdNumber, maskPhone } from '../../security/personal-data.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { lockIdNumbers } from '../people/people.queries.ts';
import { findIdNumberHolders, insertPersonBatch, listSubtreeOrgs } from './import-rows.queries.ts';
import { rowReader, type RowReader } from './import-values.ts';
import { orgLookup, type LookupOrg } from './org-lookup.ts';
import { ImportRejected, yieldEvery, type CheckInput, type WriteInput } from './import-kind.ts';

/**
 * People from a roster: each row names an active org of the actor's subtree and a name; phone and ID number are
 * checked as on the person form, sealed (ciphertext, mask, fingerprint) and never kept in clear, not even in the
 * audit row or the error list. An ID number appears once in the file and once per province.
 */
type PersonRecord = {
  row: number;
  orgId: string;
  name: string;
  gender: 'female' | 'male' | null;
  ethnicity: string | null;
  education: string | null;
  politicalStatus: string | null;
  workplace: string | null;
  phone: string | null;
  idNumber: string | null;
  idHash: string | null;
  notes: string | null;
};

const BATCH = 1000;
const GENDERS: Record<string, 'female' | 'male'> = { 女: 'female', 男: 'male', female: 'female', male: 'male', f: 'female', m: 'male' };

function genderOf(r: RowReader): PersonRecord['gender'] | undefined {
  const v = r.text('gender', 10, false);
  if (!v) return null;
  return GENDERS[v.toLowerCase()] ?? r.fail('gender', `性别应为“女”或“男”（现为“${v}”）`);
}

function numberOf(r: RowReader, field: 'phone' | 'idNumber'): string | null | undefined {
  const v = r.text(field, 40, false);
  if (!v) return null;
  const parsed = (field === 'phone' ? phoneSchema : idNumberSchema).safeParse(v);
  return parsed.success ? parsed.data : r.fail(field, parsed.error.issues[0]?.message ?? '格式不正确');
}

function orgOf(r: RowReader, lookup: ReturnType<typeof orgLookup>): LookupOrg | undefined {
  const ref = r.requiredText('org', 200);
  if (ref === undefined) return undefined;
  const found = lookup.resolve(ref);
  if ('problem' in found) return r.fail('org', found.problem);
  if (found.org.status === 'closed') return r.fail('org', `组织“${found.org.name}”已撤销`);
  return found.org;
}

export async function checkPersonRows(input: CheckInput): Promise<PersonRecord[]> {
  const { db, actor, sheet, rows, cipher, progress } = input;
  const lookup = orgLookup(actor, await listSubtreeOrgs(db, actor));
  const records: PersonRecord[] = [];
  const firstRowOf = new Map<string, number>();
  for (let i = 0; i < rows.length; i++) {
    await yieldEvery(i, () => progress(i));
    const r = rowReader(sheet, rows[i].number, rows[i].cells);
    const org = orgOf(r, lookup);
    const name = r.requiredText('name', 50);
    const gender = genderOf(r);
    const details = {
      ethnicity: r.text('ethnicity', 20, false),
      education: r.text('education', 20, false),
      politicalStatus: r.text('politicalStatus', 20, false),
      workplace: r.text('workplace', 100, false),
      notes: r.text('notes', 500, false),
    };
    const phone = numberOf(r, 'phone');
    const idNumber = numberOf(r, 'idNumber');
    const idHash = idNumber ? cipher.fingerprint(idNumber) : null;
    const first = idHash ? firstRowOf.get(idHash) : undefined;
    if (first !== undefined) r.fail('idNumber', `身份证号与第 ${first} 行重复`);
    else if (idHash) firstRowOf.set(idHash, rows[i].number);
    if (r.failed || !org || name === undefined || gender === undefined || phone === undefined || idNumber === undefined) continue;
    const rest = Object.fromEntries(Object.entries(details).map(([k, v]) => [k, v ?? null])) as Record<keyof typeof details, string | null>;
    records.push({ row: rows[i].number, orgId: org.id, name, gender, phone, idNumber, idHash, ...rest });
  }
  progress(rows.length);
  await refuseRegistered(db, input, records);
  return records;
}

/** rows whose ID number a person of the province already holds; the holder is named only when the actor sees them */
async function refuseRegistered(db: CheckInput['db'], input: Pick<CheckInput, 'actor' | 'sheet'>, records: PersonRecord[]): Promise<void> {
  const hashes = records.flatMap((r) => (r.idHash ? [r.idHash] : []));
  const holders = new Map((await findIdNumberHolders(db, input.actor.provinceCode, hashes)).map((h) => [h.hash, h]));
  for (const r of records) {
    const holder = r.idHash ? holders.get(r.idHash) : undefined;
    if (!holder) continue;
    const message = holder.path.startsWith(input.actor.orgPath)
      ? `该身份证号已登记在“${holder.name}”名下，请勿重复录入`
      : '该身份证号已在本省其他单位登记，请联系上级妇联核实';
    rowReader(input.sheet, r.row, []).fail('idNumber', message);
  }
}

function personRow(input: WriteInput<PersonRecord>, r: PersonRecord): Insertable<PersonsTable> {
  const { cipher } = input;
  return {
    province_code: input.actor.provinceCode,
    id: uuidv7(),
    org_id: r.orgId,
    name: r.name,
    gender: r.gender,
    ethnicity: r.ethnicity,
    education: r.education,
    political_status: r.politicalStatus,
    workplace: r.workplace,
    notes: r.notes,
    phone_enc: r.phone ? cipher.encrypt(r.phone) : null,
    phone_masked: r.phone ? maskPhone(r.phone) : null,
    phone_hash: r.phone ? cipher.fingerprint(r.phone) : null,
    id_number_enc: r.idNumber ? cipher.encrypt(r.idNumber) : null,
    id_number_masked: r.idNumber ? maskIdNumber(r.idNumber) : null,
    id_number_hash: r.idHash,
    import_id: input.jobId,
    created_at: input.now,
    updated_at: input.now,
  };
}

export async function writePersons(trx: Trx, input: WriteInput<PersonRecord>): Promise<number> {
  const { actor, records, sheet } = input;
  await lockIdNumbers(trx, actor.provinceCode, records.flatMap((r) => (r.idHash ? [r.idHash] : [])));
  const orgs = new Map((await listSubtreeOrgs(trx, actor)).map((o) => [o.id, o]));
  for (const r of records) {
    if (orgs.get(r.orgId)?.status !== 'active') rowReader(sheet, r.row, []).fail('org', '组织已撤销或已移出管辖范围');
  }
  await refuseRegistered(trx, input, records);
  if (sheet.errors.length > 0) throw new ImportRejected();
  for (let i = 0; i < records.length; i += BATCH) {
    const batch = records.slice(i, i + BATCH);
    await insertPersonBatch(trx, batch.map((r) => personRow(input, r)));
    input.progress(i + batch.length);
  }
  await recordAudit(trx, actor, {
    action: 'import',
    entity: 'person',
    entityId: input.jobId,
    orgId: actor.orgId,
    provinceCode: actor.provinceCode,
    after: {
      fileName: input.fileName,
      persons: records.length,
      withPhone: records.filter((r) => r.phone).length,
      withIdNumber: records.filter((r) => r.idNumber).length,
    },
  });
  return records.length;
}
