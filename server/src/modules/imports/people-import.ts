import { v7 as uuidv7 } from 'uuid';
import type { Insertable } from 'kysely';
import { idNumberSchema, phoneSchema } from '@jinguo/common/people.schema.ts';
import type { PersonsTable } from '../../db/database.ts';
import type { Db, Trx } from '../../http/access.ts';
import { maskIdNumber, maskPhone } from '../../security/personal-data.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { lockIdNumbers } from '../people/people.queries.ts';
import { findIdNumberHolders, insertPersonBatch, listSubtreeOrgs } from './import-rows.queries.ts';
import { rowReader, type RowReader } from './import-values.ts';
import { orgLookup, type LookupOrg } from './org-lookup.ts';
import type { ChunkWriter, ImportContext, ImportKindRunner, RowChecks } from './import-kind.ts';

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

type PersonChecks = RowChecks<PersonRecord> & {
  /** the fingerprints of the file's ID numbers (the writer locks them) */
  idHashes: () => string[];
};

async function personChecks(db: Db, ctx: ImportContext): Promise<PersonChecks> {
  const { sheet, cipher } = ctx;
  const lookup = orgLookup(ctx.actor, await listSubtreeOrgs(db, ctx.actor));
  const firstRowOf = new Map<string, number>();
  return {
    row(number, cells) {
      const r = rowReader(sheet, number, cells);
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
      else if (idHash) firstRowOf.set(idHash, number);
      if (r.failed || !org || name === undefined || gender === undefined || phone === undefined || idNumber === undefined) return undefined;
      const rest = Object.fromEntries(Object.entries(details).map(([k, v]) => [k, v ?? null])) as Record<keyof typeof details, string | null>;
      return { row: number, orgId: org.id, name, gender, phone, idNumber, idHash, ...rest };
    },
    againstDatabase: (db, records) => refuseRegistered(db, ctx, records),
    idHashes: () => [...firstRowOf.keys()],
  };
}

/** rows whose ID number a person of the province already holds; the holder is named only when the actor sees them */
async function refuseRegistered(db: Db, ctx: Pick<ImportContext, 'actor' | 'sheet'>, records: PersonRecord[]): Promise<void> {
  const hashes = records.flatMap((r) => (r.idHash ? [r.idHash] : []));
  const holders = new Map((await findIdNumberHolders(db, ctx.actor.provinceCode, hashes)).map((h) => [h.hash, h]));
  for (const r of records) {
    const holder = r.idHash ? holders.get(r.idHash) : undefined;
    if (!holder) continue;
    const message = holder.path.startsWith(ctx.actor.orgPath)
      ? `该身份证号已登记在“${holder.name}”名下，请勿重复录入`
      : '该身份证号已在本省其他单位登记，请联系上级妇联核实';
    rowReader(ctx.sheet, r.row, []).fail('idNumber', message);
  }
}

function personRow(ctx: ImportContext, r: PersonRecord): Insertable<PersonsTable> {
  const { cipher } = ctx;
  return {
    province_code: ctx.actor.provinceCode,
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
    import_id: ctx.jobId,
    created_at: ctx.now,
    updated_at: ctx.now,
  };
}

/** holds the locks of the file's ID numbers, as the person form holds its one, then inserts chunk by chunk */
async function personWriter(trx: Trx, ctx: ImportContext, checked: PersonChecks): Promise<ChunkWriter<PersonRecord>> {
  const { actor, sheet } = ctx;
  await lockIdNumbers(trx, actor.provinceCode, checked.idHashes());
  const orgs = new Map((await listSubtreeOrgs(trx, actor)).map((o) => [o.id, o]));
  const counts = { persons: 0, withPhone: 0, withIdNumber: 0 };
  return {
    async write(records) {
      for (const r of records) {
        if (orgs.get(r.orgId)?.status !== 'active') rowReader(sheet, r.row, []).fail('org', '组织已撤销或已移出管辖范围');
      }
      await refuseRegistered(trx, ctx, records);
      if (sheet.errors.length > 0) return;
      await insertPersonBatch(trx, records.map((r) => personRow(ctx, r)));
      counts.persons += records.length;
      counts.withPhone += records.filter((r) => r.phone).length;
      counts.withIdNumber += records.filter((r) => r.idNumber).length;
    },
    async finish() {
      await recordAudit(trx, actor, {
        action: 'import',
        entity: 'person',
        entityId: ctx.jobId,
        orgId: actor.orgId,
        provinceCode: actor.provinceCode,
        after: { fileName: ctx.fileName, ...counts },
      });
      return counts.persons;
    },
  };
}

export const peopleImport: ImportKindRunner<PersonRecord, PersonChecks> = { chunkRows: 1000, checks: personChecks, writer: personWriter };
