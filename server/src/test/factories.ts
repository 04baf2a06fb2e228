import { v7 as uuidv7 } from 'uuid';
import type { Kysely } from 'kysely';
import type { Database, OrgKind, OrgLevel, UserRole } from '../db/database.ts';
import { hashPassword } from '../security/passwords.ts';

/** Test data written straight to the tables (bypassing services and their access checks). */
export type TestOrg = { id: string; path: string; name: string; depth: number };

export async function unsafeInsertOrg(
  db: Kysely<Database>,
  o: { parent?: TestOrg | null; segment: string; name: string; kind?: OrgKind; level?: OrgLevel | null; provinceCode?: string; divisionCode?: string | null },
): Promise<TestOrg> {
  const id = uuidv7();
  const path = `${o.parent?.path ?? ''}${o.segment}.`;
  const depth = o.parent ? o.parent.depth + 1 : 0;
  await db
    .insertInto('orgs')
    .values({
      id,
      parent_id: o.parent?.id ?? null,
      path,
      depth,
      kind: o.kind ?? 'federation',
      level: o.level === undefined ? (['province', 'city', 'county', 'township', 'village'][depth] as OrgLevel) : o.level,
      name: o.name,
      division_code: o.divisionCode ?? null,
      province_code: o.provinceCode ?? path.slice(0, 2),
    })
    .execute();
  return { id, path, name: o.name, depth };
}

/**
 * A small tree: province 14 → city → county → townships A and B → two villages each; and a second province
 * (15) so that cross-province isolation is tested too.
 */
export async function buildTestTree(db: Kysely<Database>) {
  const province = await unsafeInsertOrg(db, { segment: '14', name: '山西省妇联' });
  const city = await unsafeInsertOrg(db, { parent: province, segment: '07', name: '晋中市妇联' });
  const county = await unsafeInsertOrg(db, { parent: city, segment: '23', name: '和顺县妇联' });
  const townA = await unsafeInsertOrg(db, { parent: county, segment: '100', name: '义兴镇妇联' });
  const townB = await unsafeInsertOrg(db, { parent: county, segment: '101', name: '李阳镇妇联' });
  const villageA1 = await unsafeInsertOrg(db, { parent: townA, segment: '201', name: '东关村妇联' });
  const villageA2 = await unsafeInsertOrg(db, { parent: townA, segment: '202', name: '西关村妇联' });
  const villageB1 = await unsafeInsertOrg(db, { parent: townB, segment: '201', name: '李阳村妇联' });
  const villageB2 = await unsafeInsertOrg(db, { parent: townB, segment: '202', name: '石叠村妇联' });
  const otherProvince = await unsafeInsertOrg(db, { segment: '15', name: '内蒙古自治区妇联' });
  const otherCounty = await unsafeInsertOrg(db, { parent: otherProvince, segment: '01', name: '呼和浩特市妇联' });
  return { province, city, county, townA, townB, villageA1, villageA2, villageB1, villageB2, otherProvince, otherCounty };
}
export type TestTree = Awaited<ReturnType<typeof buildTestTree>>;

export const TEST_PASSWORD = 'Jinguo-Test-2026!';
let cachedHash: Promise<string> | null = null;

export async function unsafeInsertUser(db: Kysely<Database>, u: { username: string; org: TestOrg; role: UserRole; displayName?: string }) {
  cachedHash ??= hashPassword(TEST_PASSWORD);
  const id = uuidv7();
  await db
    .insertInto('users')
    .values({ id, username: u.username, display_name: u.displayName ?? u.username, password_hash: await cachedHash, org_id: u.org.id, role: u.role })
    .execute();
  return { id, username: u.username };
}
