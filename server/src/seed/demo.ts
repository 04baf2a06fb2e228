import type { Kysely, Transaction } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { userRoleLabels } from '@jinguo/common/labels.zh-CN.ts';
import { todayInShanghai } from '@jinguo/common/periods.ts';
import type { Database, UserRole } from '../db/database.ts';
import { rebuildAllRollups } from '../modules/activities/activity-rollups.queries.ts';
import { assertStrongPassword } from '../modules/auth/auth.service.ts';
import { hashPassword } from '../security/passwords.ts';
import type { PersonalDataCipher } from '../security/personal-data.ts';
import { addActivities } from './demo-activities.ts';
import { addOrgsBeyondDivisions, addSites, readCountyTree, type DemoOrg } from './demo-orgs.ts';
import { addPeople, type DemoPerson } from './demo-people.ts';
import { seedDemoPlans } from './demo-plans.ts';
import { seedDemoReports } from './demo-reports.ts';
import { createRandom } from './demo-random.ts';
import { loadDivisions } from './divisions.ts';
import { generateStrongPassword } from './generated-password.ts';

/**
 * The demo county 和顺县 (140723): its federations from the division codes, new-sector federations, groups and
 * sites, people in their positions, three users and a year of activities, all in one transaction on an empty
 * database. The same seed gives the same county; only ids, passwords and dates (the year up to today) differ.
 */
export type DemoLogin = { username: string; password: string; orgName: string; roleLabel: string };

export const DEMO_COUNTY_CODE = '140723';
const DEMO_SEED = 20_260_308;

type DemoUser = { id: string; username: string; role: UserRole; org: DemoOrg; person: DemoPerson; password: string };

export async function seedDemo(
  deps: { db: Kysely<Database>; cipher: PersonalDataCipher; now?: () => Date },
  opts: { adminPassword?: string } = {},
): Promise<DemoLogin[]> {
  if (opts.adminPassword !== undefined) requireStrongAdminPassword(opts.adminPassword);
  const random = createRandom(DEMO_SEED);
  const passwords = [opts.adminPassword ?? generateStrongPassword(), generateStrongPassword(), generateStrongPassword()];
  const hashes = await Promise.all(passwords.map((p) => hashPassword(p)));
  const today = todayInShanghai(deps.now?.() ?? new Date());

  return deps.db.transaction().execute(async (trx) => {
    if (await trx.selectFrom('orgs').select('id').limit(1).executeTakeFirst()) {
      throw new Error('数据库中已有组织数据，演示数据只能在空数据库中生成');
    }
    await loadDivisions(trx, DEMO_COUNTY_CODE);
    const county = await trx.selectFrom('orgs').select(['path', 'province_code']).where('division_code', '=', DEMO_COUNTY_CODE).executeTakeFirstOrThrow();
    const tree = await readCountyTree(trx, county.path);
    const orgs = [...tree, ...(await addOrgsBeyondDivisions(trx, random, tree))];
    await addSites(trx, random, orgs);
    const people = await addPeople(trx, { random, cipher: deps.cipher }, orgs);
    const users = chooseUsers(people, passwords);
    await insertUsers(trx, users, hashes);
    await addActivities(trx, { random, today, authors: new Map(users.map((u) => [u.org.id, u.id])) }, orgs);
    await rebuildAllRollups(trx, { provinceCode: county.province_code });
    // plan targets are sized from this year's figures and the township reports' derived figures come from the
    // rollups just built
    const admin = users.find((u) => u.role === 'admin');
    await seedDemoPlans(trx, { countyPath: county.path, today, createdBy: admin?.id ?? users[0].id });
    await seedDemoReports(trx, { countyPath: county.path, today, reviewer: admin ? { id: admin.id, username: admin.username } : undefined });
    return users.map((u) => ({ username: u.username, password: u.password, orgName: u.org.name, roleLabel: userRoleLabels[u.role] }));
  });
}

function requireStrongAdminPassword(password: string) {
  try {
    assertStrongPassword(password, 'admin');
  } catch (err) {
    throw new Error(`演示管理员密码（JINGUO_ADMIN_PASSWORD）不可用：${(err as Error).message}`);
  }
}

/** admin of the county, staff of 义兴镇 (its chair), an executive of 东关村 in 义兴镇 */
function chooseUsers(people: DemoPerson[], passwords: string[]): DemoUser[] {
  const find = (orgName: string, role: DemoPerson['role']) => {
    const person = people.find((p) => p.org.name === orgName && p.role === role);
    if (!person) throw new Error(`演示数据中找不到 ${orgName} 的人员`);
    return person;
  };
  const admin = find('和顺县妇联', 'staff');
  const staff = find('义兴镇妇联', 'chair');
  const executive = find('东关村妇联', 'executive');
  return [
    { id: uuidv7(), username: 'admin', role: 'admin', org: admin.org, person: admin, password: passwords[0] },
    { id: uuidv7(), username: 'yixing', role: 'staff', org: staff.org, person: staff, password: passwords[1] },
    { id: uuidv7(), username: 'dongguan', role: 'executive', org: executive.org, person: executive, password: passwords[2] },
  ];
}

async function insertUsers(trx: Transaction<Database>, users: DemoUser[], hashes: string[]): Promise<void> {
  await trx
    .insertInto('users')
    .values(
      users.map((u, i) => ({
        id: u.id,
        username: u.username,
        display_name: u.person.name,
        password_hash: hashes[i],
        org_id: u.org.id,
        role: u.role,
        person_id: u.person.id,
      })),
    )
    .execute();
}
