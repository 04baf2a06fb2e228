import type { Insertable, Transaction } from 'kysely';
import type { Database, PositionRole, PositionsTable } from '../../db/database.ts';
import { joinOrgInSubtree, type Db } from '../../http/access.ts';

/** positions held in orgs under `scopePath`, with the person's and the org's names */
function positionsUnder(db: Db, q: { provinceCode: string; scopePath: string }) {
  const positions = db
    .selectFrom('positions as pos')
    .innerJoin('persons as p', (j) => j.onRef('p.province_code', '=', 'pos.province_code').onRef('p.id', '=', 'pos.person_id'))
    .where('pos.province_code', '=', q.provinceCode);
  return joinOrgInSubtree(positions, { on: 'pos.org_id', path: q.scopePath });
}

const positionColumns = [
  'pos.id',
  'pos.province_code',
  'pos.person_id',
  'p.name as person_name',
  'pos.org_id',
  'o.name as org_name',
  'pos.role',
  'pos.appointment_type',
  'pos.start_date',
  'pos.end_date',
  'pos.term',
] as const;

export type PositionRow = NonNullable<Awaited<ReturnType<typeof findPositionUnder>>>;

export async function findPositionUnder(db: Db, q: { id: string; provinceCode: string; scopePath: string }) {
  return positionsUnder(db, q).select(positionColumns).where('pos.id', '=', q.id).executeTakeFirst();
}

/** the positions of one org; with `servingOn`, only those not ended before that day */
export async function listOrgPositions(db: Db, q: { orgId: string; orgPath: string; provinceCode: string; servingOn?: string }) {
  let query = positionsUnder(db, { provinceCode: q.provinceCode, scopePath: q.orgPath }).where('pos.org_id', '=', q.orgId);
  if (q.servingOn) {
    const day = q.servingOn;
    query = query.where((eb) => eb.or([eb('pos.end_date', 'is', null), eb('pos.end_date', '>=', day)]));
  }
  return query.select(positionColumns).orderBy('pos.start_date').orderBy('p.name').orderBy('pos.id').execute();
}

export async function listPersonPositionsUnder(db: Db, q: { personId: string; provinceCode: string; scopePath: string }) {
  return positionsUnder(db, q)
    .select(positionColumns)
    .where('pos.person_id', '=', q.personId)
    .orderBy('pos.start_date', 'desc')
    .orderBy('pos.id', 'desc')
    .execute();
}

/** a position of the same person, org and role whose dates overlap [startDate, endDate] (open end = null) */
export async function findOverlappingPosition(
  db: Db,
  q: { provinceCode: string; personId: string; orgId: string; role: PositionRole; startDate: string; endDate: string | null },
) {
  let query = db
    .selectFrom('positions')
    .select(['id', 'start_date', 'end_date'])
    .where('province_code', '=', q.provinceCode)
    .where('person_id', '=', q.personId)
    .where('org_id', '=', q.orgId)
    .where('role', '=', q.role)
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', q.startDate)]));
  if (q.endDate) query = query.where('start_date', '<=', q.endDate);
  return query.executeTakeFirst();
}

export async function insertPosition(trx: Transaction<Database>, values: Insertable<PositionsTable>) {
  await trx.insertInto('positions').values(values).execute();
}

export async function setPositionEndDate(trx: Transaction<Database>, key: { id: string; provinceCode: string }, endDate: string, now: Date) {
  await trx
    .updateTable('positions')
    .set({ end_date: endDate, updated_at: now })
    .where('province_code', '=', key.provinceCode)
    .where('id', '=', key.id)
    .execute();
}

export async function deletePositionRow(trx: Transaction<Database>, key: { id: string; provinceCode: string }) {
  await trx.deleteFrom('positions').where('province_code', '=', key.provinceCode).where('id', '=', key.id).execute();
}
