import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Agent, type TestApp } from '../../test/build-test-app.ts';
import { ensureSystemKinds } from './activities.test-fixtures.ts';

let t: TestApp;
let countyAdmin: Agent;
let staff: Agent;
let townBAdmin: Agent;
let otherAdmin: Agent;
beforeAll(async () => {
  t = await buildTestApp({ now: () => new Date('2026-03-10T02:00:00Z') });
  await ensureSystemKinds(t.db);
  [countyAdmin, staff, townBAdmin, otherAdmin] = await Promise.all(['county_admin', 'towna_staff', 'townb_admin', 'other_admin'].map((u) => t.login(u)));
});
afterAll(() => t.close());

type Kind = { code: string; name: string; ownerOrgId: string | null; active: boolean; editable: boolean; participantUnit: string };
const kindsOf = async (agent: Agent): Promise<Kind[]> => {
  const res = await agent.get('/api/activity-kinds');
  expect(res.statusCode).toBe(200);
  return res.json().items;
};
const activityWith = (kindCode: string, orgId: string) => ({ orgId, kindCode, title: '测试活动', date: '2026-03-01', participants: 5 });

describe('activity kinds', () => {
  it('lists the system kinds read-only to everyone', async () => {
    const kinds = await kindsOf(staff);
    expect(kinds.find((k) => k.code === 'outreach_lecture')).toMatchObject({ name: '巾帼大宣讲', ownerOrgId: null, editable: false, active: true });
    expect((await kindsOf(countyAdmin)).every((k) => !k.editable)).toBe(true);
    const res = await countyAdmin.patch('/api/activity-kinds/outreach_lecture', { name: '改名' });
    expect(res.statusCode).toBe(403);
    expect(res.json().message).toContain('系统活动类型不能修改');
  });

  it('lets an admin add a kind for its subtree, seen below and not beside or elsewhere', async () => {
    const res = await countyAdmin.post('/api/activity-kinds', { name: '家风家教', participantUnit: '人次', sort: 5 });
    expect(res.statusCode, res.body).toBe(200);
    const kind = res.json() as Kind;
    expect(kind.code).toMatch(/^k_[a-z0-9]+$/);
    expect(kind).toMatchObject({ name: '家风家教', ownerOrgId: t.tree.county.id, editable: true, active: true });
    expect((await kindsOf(staff)).find((k) => k.code === kind.code)).toMatchObject({ editable: false });
    expect((await kindsOf(otherAdmin)).some((k) => k.code === kind.code)).toBe(false);
    const audit = await t.db.selectFrom('audit_log').select(['action']).where('entity', '=', 'activity_kind').where('entity_id', '=', kind.code).execute();
    expect(audit).toEqual([{ action: 'create' }]);

    const townKind = (await townBAdmin.post('/api/activity-kinds', { name: '李阳特色活动', participantUnit: '人' })).json() as Kind;
    expect((await kindsOf(countyAdmin)).some((k) => k.code === townKind.code)).toBe(false);
    expect((await kindsOf(staff)).some((k) => k.code === townKind.code)).toBe(false);
    // a kind of township B cannot be used in township A
    const refused = await staff.post('/api/activities', activityWith(townKind.code, t.tree.townA.id));
    expect(refused.statusCode).toBe(400);
    expect(refused.json().fields[0].path).toBe('body.kindCode');
    expect((await townBAdmin.post('/api/activities', activityWith(townKind.code, t.tree.villageB1.id))).statusCode).toBe(200);
    expect((await staff.post('/api/activities', activityWith(kind.code, t.tree.villageA1.id))).statusCode).toBe(200);
  });

  it('edits and deactivates only kinds the admin org owns; inactive kinds are refused for new records', async () => {
    const kind = (await countyAdmin.post('/api/activity-kinds', { name: '临时类型', participantUnit: '人' })).json() as Kind;
    const forbidden = await townBAdmin.patch(`/api/activity-kinds/${kind.code}`, { active: false });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().message).toContain('只能修改本组织添加的活动类型');
    expect((await otherAdmin.patch(`/api/activity-kinds/${kind.code}`, { active: false })).statusCode).toBe(404);
    expect((await staff.patch(`/api/activity-kinds/${kind.code}`, { active: false })).statusCode).toBe(403);
    const changed = await countyAdmin.patch(`/api/activity-kinds/${kind.code}`, { name: '停用的类型', participantUnit: '人次', active: false });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ name: '停用的类型', participantUnit: '人次', active: false });
    const refused = await staff.post('/api/activities', activityWith(kind.code, t.tree.townA.id));
    expect(refused.statusCode).toBe(400);
    expect(refused.json().message).toContain('已停用');
    expect(refused.json().fields[0].path).toBe('body.kindCode');
    const audit = await t.db.selectFrom('audit_log').select(['action', 'before', 'after']).where('entity_id', '=', kind.code).orderBy('at').execute();
    expect(audit[1]).toMatchObject({ action: 'update', before: { name: '临时类型', active: true }, after: { name: '停用的类型', active: false } });
  });

  it('refuses non-admins, duplicates, unknown codes and bad input in Chinese', async () => {
    expect((await staff.post('/api/activity-kinds', { name: '员工加的', participantUnit: '人' })).statusCode).toBe(403);
    const dup = await countyAdmin.post('/api/activity-kinds', { name: '培训', participantUnit: '人次' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().message).toContain('已存在');
    expect((await countyAdmin.patch('/api/activity-kinds/k_nothere', { name: '无' })).statusCode).toBe(404);
    const badUnit = await countyAdmin.post('/api/activity-kinds', { name: '新类型', participantUnit: '户' });
    expect(badUnit.statusCode).toBe(400);
    expect(badUnit.json().message).toContain('参加人数单位应为 人 或 人次');
    const long = await countyAdmin.post('/api/activity-kinds', { name: '长'.repeat(31), participantUnit: '人' });
    expect(long.json().message).toContain('名称不能超过 30 个字');
    expect((await countyAdmin.patch('/api/activity-kinds/BAD-CODE', { name: 'x' })).statusCode).toBe(400);
  });
});
