import type { Insertable, Transaction } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { AppointmentType, Database, PersonsTable, PositionRole, PositionsTable } from '../db/database.ts';
import { maskPhone, type PersonalDataCipher } from '../security/personal-data.ts';
import { insertInChunks } from './bulk-insert.ts';
import { COUNTY_WORKPLACES, EDUCATION, phoneNumber, POLITICAL_STATUS, TOWNSHIP_WORKPLACES, VILLAGE_WORKPLACES, womanName, type OrgTier } from './demo-data.ts';
import type { DemoOrg } from './demo-orgs.ts';
import type { Random } from './demo-random.ts';

/**
 * People of the demo county and their positions, following the reform rules: the county federation has a
 * full-time chair, vice chairs full-time, seconded and part-time, 30+ executive members and a few staff; each
 * township a chair, a vice chair and executives; each village a chair and 2–5 executives.
 */
export type DemoPerson = { id: string; name: string; org: DemoOrg; role: PositionRole };

type Seat = { role: PositionRole; appointment?: AppointmentType; workplace: string };

const TERM_START: Record<OrgTier, string> = { county: '2021-12-16', township: '2021-09-08', village: '2021-06-18', other: '2022-03-08' };
const TERM: Record<OrgTier, string> = { county: '2021—2026年', township: '2021—2026年', village: '2021—2026年', other: '2022—2027年' };

function seatsOf(random: Random, org: DemoOrg): Seat[] {
  const where = org.shortName;
  const executives = (n: number, places: readonly string[]) =>
    Array.from({ length: n }, () => ({ role: 'executive' as const, workplace: random.pick(places) }));
  if (org.tier === 'county') {
    return [
      { role: 'chair', appointment: 'full_time', workplace: '和顺县妇联主席' },
      { role: 'vice_chair', appointment: 'full_time', workplace: '和顺县妇联副主席' },
      { role: 'vice_chair', appointment: 'seconded', workplace: `${random.pick(COUNTY_WORKPLACES)}（挂职）` },
      { role: 'vice_chair', appointment: 'part_time', workplace: random.pick(COUNTY_WORKPLACES) },
      { role: 'vice_chair', appointment: 'part_time', workplace: random.pick(COUNTY_WORKPLACES) },
      ...Array.from({ length: 3 }, () => ({ role: 'staff' as const, workplace: '和顺县妇联机关' })),
      ...executives(random.int(31, 35), COUNTY_WORKPLACES),
    ];
  }
  if (org.tier === 'township') {
    return [
      { role: 'chair', appointment: 'part_time', workplace: `${where}党委委员` },
      { role: 'vice_chair', appointment: 'part_time', workplace: `${where}人民政府` },
      ...executives(random.int(6, 10), TOWNSHIP_WORKPLACES.map((w) => `${where}${w}`)),
    ];
  }
  if (org.tier === 'village') {
    return [
      { role: 'chair', appointment: 'part_time', workplace: `${where}${org.shortName.endsWith('社区') ? '居委会委员' : '村委会委员'}` },
      ...executives(random.int(2, 5), VILLAGE_WORKPLACES.map((w) => `${where}${w}`)),
    ];
  }
  if (org.kind === 'new_sector') {
    return [{ role: 'chair', appointment: 'part_time', workplace: where }, ...executives(random.int(2, 3), [where])];
  }
  return [];
}

export async function addPeople(
  trx: Transaction<Database>,
  deps: { random: Random; cipher: PersonalDataCipher },
  orgs: DemoOrg[],
): Promise<DemoPerson[]> {
  const { random } = deps;
  const people: DemoPerson[] = [];
  const personRows: Insertable<PersonsTable>[] = [];
  const positionRows: Insertable<PositionsTable>[] = [];
  for (const org of orgs) {
    for (const seat of seatsOf(random, org)) {
      const row = personRow(deps, org, seat.workplace);
      people.push({ id: row.id, name: row.name, org, role: seat.role });
      personRows.push(row);
      positionRows.push(positionRow(org, row.id, seat, { start: TERM_START[org.tier], end: null }));
    }
  }
  // the seconded vice chair came in mid-term; her predecessor's ended position shows in the roster's history
  const county = orgs.find((o) => o.tier === 'county');
  const seconded = positionRows.find((p) => p.role === 'vice_chair' && p.appointment_type === 'seconded');
  if (county && seconded) {
    seconded.start_date = '2024-07-01';
    const predecessor = personRow(deps, county, `${random.pick(COUNTY_WORKPLACES)}（原挂职）`);
    personRows.push(predecessor);
    const seat: Seat = { role: 'vice_chair', appointment: 'seconded', workplace: predecessor.workplace ?? '' };
    positionRows.push(positionRow(county, predecessor.id, seat, { start: TERM_START.county, end: '2024-06-30' }));
  }
  await insertInChunks(trx, 'persons', personRows);
  await insertInChunks(trx, 'positions', positionRows);
  return people;
}

type NewPerson = Insertable<PersonsTable> & { id: string; name: string };

/** a woman with a phone number stored as the people module stores it: ciphertext, masked form, keyed hash */
function personRow(deps: { random: Random; cipher: PersonalDataCipher }, org: DemoOrg, workplace: string): NewPerson {
  const { random, cipher } = deps;
  const phone = phoneNumber(random);
  const education = org.tier === 'county' ? EDUCATION.county : org.tier === 'township' ? EDUCATION.township : EDUCATION.village;
  return {
    province_code: org.provinceCode,
    id: uuidv7(),
    org_id: org.id,
    name: womanName(random),
    gender: 'female',
    ethnicity: '汉族',
    education: random.weighted(education),
    political_status: random.weighted(POLITICAL_STATUS),
    workplace,
    phone_enc: cipher.encrypt(phone),
    phone_masked: maskPhone(phone),
    phone_hash: cipher.fingerprint(phone),
  };
}

function positionRow(org: DemoOrg, personId: string, seat: Seat, term: { start: string; end: string | null }): Insertable<PositionsTable> {
  return {
    province_code: org.provinceCode,
    id: uuidv7(),
    person_id: personId,
    org_id: org.id,
    role: seat.role,
    appointment_type: seat.appointment ?? null,
    start_date: term.start,
    end_date: term.end,
    term: TERM[org.tier],
  };
}
