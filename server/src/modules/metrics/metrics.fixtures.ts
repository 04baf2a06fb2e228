import { v7 as uuidv7 } from 'uuid';
import type { Insertable } from 'kysely';
import type { MetricsTable } from '../../db/database.ts';
import type { Db } from '../../http/access.ts';
import type { TestApp } from '../../test/build-test-app.ts';
import { unsafeInsertOrg, type TestOrg } from '../../test/factories.ts';

/** Test data of the metrics tests, written straight to the tables. */
export async function unsafeInsertKinds(t: TestApp, kinds: { code: string; ownerOrgId?: string }[]) {
  await t.db
    .insertInto('activity_kinds')
    .values(kinds.map((k, i) => ({ code: k.code, name: `测试类型${i + 1}`, participant_unit: '人次' as const, owner_org_id: k.ownerOrgId ?? null, sort: i })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function unsafeInsertMetrics(t: TestApp, metrics: Insertable<MetricsTable>[]) {
  await t.db
    .insertInto('metrics')
    .values(metrics)
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export type TestActivity = { org: TestOrg; kindCode: string; date: string; participants: number };

export async function unsafeInsertActivities(db: Db, activities: TestActivity[]) {
  if (activities.length === 0) return;
  await db
    .insertInto('activities')
    .values(
      activities.map((a) => ({
        province_code: a.org.path.slice(0, 2),
        id: uuidv7(),
        org_id: a.org.id,
        kind_code: a.kindCode,
        title: '测试活动',
        date: a.date,
        participants: a.participants,
      })),
    )
    .execute();
}

/** the test tree plus a closed village, a women's group below village A1 (depth 5) and a new-sector federation */
export async function extendTestTree(t: TestApp) {
  const closedVillage = await unsafeInsertOrg(t.db, { parent: t.tree.townA, segment: '203', name: '南关村妇联' });
  await t.db.updateTable('orgs').set({ status: 'closed', closed_at: new Date() }).where('id', '=', closedVillage.id).execute();
  const group = await unsafeInsertOrg(t.db, { parent: t.tree.villageA1, segment: 'g1', name: '东关巾帼志愿队', kind: 'women_group', level: null });
  const newSector = await unsafeInsertOrg(t.db, { parent: t.tree.county, segment: 'n1', name: '和顺县律师行业妇联', kind: 'new_sector', level: null });
  return { closedVillage, group, newSector };
}
