import { sql, type Insertable, type Transaction, type Updateable } from 'kysely';
import type { Database, PersonsTable } from '../../db/database.ts';
import { containsPattern } from '../../db/like.ts';
import { pageOf } from '../../db/paging.ts';
import { joinOrgInSubtree, type Db } from '../../http/access.ts';

/** persons whose org lies under `scopePath`, with their org's name; never the ciphertext columns */
function personsUnder(db: Db, q: { provinceCode: string; scopePath: string }) {
  const persons = db.selectFrom('persons as p').where('p.province_code', '=', q.provinceCode);
  return joinOrgInSubtree(persons, { on: 'p.org_id', path: q.scopePath });
}

const personColumns = [
  'p.id',
  'p.province_code',
  'p.org_id',
  'o.name as org_name',
  'p.name',
  'p.gender',
  'p.ethnicity',
  'p.education',
  'p.political_status',
  'p.workplace',
  'p.phone_masked',
  'p.id_number_masked',
  'p.notes',
] as const;

export type PersonRow = NonNullable<Awaited<ReturnType<typeof findPersonUnder>>>;

export async function findPersonUnder(db: Db, q: { id: string; provinceCode: string; scopePath: string }) {
  return personsUnder(db, q).select(personColumns).where('p.id', '=', q.id).executeTakeFirst();
}

export async function listPersonsUnder(
  db: Db,
  q: { provinceCode: string; scopePath: string; name?: string; phoneHash?: string; idNumberHash?: string; page: number; pageSize: number },
) {
  let base = personsUnder(db, q);
  if (q.name) base = base.where('p.name', 'ilike', containsPattern(q.name));
  if (q.phoneHash) base = base.where('p.phone_hash', '=', q.phoneHash);
  if (q.idNumberHash) base = base.where('p.id_number_hash', '=', q.idNumberHash);
  return pageOf(base, (b) => b.select(personColumns).orderBy('p.name').orderBy('p.id'), q);
}


/** any person of the province holding this ID number, in or out of the caller's scope */
export async function findPersonByIdNumberHash(db: Db, q: { provinceCode: string; hash: string; exceptId?: string }) {
  let query = db
    .selectFrom('persons as p')
    .innerJoin('orgs as o', 'o.id', 'p.org_id')
    .select(['p.id', 'p.name', 'o.path'])
    .where('p.province_code', '=', q.provinceCode)
    .where('p.id_number_hash', '=', q.hash);
  if (q.exceptId) query = query.where('p.id', '!=', q.exceptId);
  return query.executeTakeFirst();
}

/**
 * Serialises writers of the same ID number in a province until the transaction ends, so that two requests
 * cannot both pass the duplicate check (there is no unique index on the fingerprint).
 */
export async function lockIdNumber(trx: Transaction<Database>, q: { provinceCode: string; hash: string }) {
  await lockIdNumbers(trx, q.provinceCode, [q.hash]);
}

/** the same lock for many numbers at once (an import), taken in one order so that two takers cannot deadlock */
export async function lockIdNumbers(trx: Transaction<Database>, provinceCode: string, hashes: string[]) {
  if (hashes.length === 0) return;
  const keys = [...hashes].sort().map((h) => `person-id-number:${provinceCode}:${h}`);
  await sql`select pg_advisory_xact_lock(hashtextextended(k, 0)) from unnest(${keys}::text[]) with ordinality as x(k, n) order by n`.execute(trx);
}

export async function readSealedNumber(db: Db, q: { id: string; provinceCode: string; field: 'phone' | 'idNumber' }) {
  const row = await db
    .selectFrom('persons')
    .select(q.field === 'phone' ? 'phone_enc as sealed' : 'id_number_enc as sealed')
    .where('province_code', '=', q.provinceCode)
    .where('id', '=', q.id)
    .executeTakeFirstOrThrow();
  return row.sealed;
}

export async function insertPerson(trx: Transaction<Database>, values: Insertable<PersonsTable>) {
  await trx.insertInto('persons').values(values).execute();
}

export async function updatePersonRow(
  trx: Transaction<Database>,
  key: { id: string; provinceCode: string },
  values: Updateable<PersonsTable> & { updated_at: Date },
) {
  await trx
    .updateTable('persons')
    .set(values)
    .where('province_code', '=', key.provinceCode)
    .where('id', '=', key.id)
    .execute();
}
