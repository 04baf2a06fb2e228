import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Agent, type TestApp } from '../../test/build-test-app.ts';
import { rebuildAllRollups } from '../activities/activity-rollups.queries.ts';

let t: TestApp;
let countyAdmin: Agent;
let townAStaff: Agent;
let villageExec: Agent;
let townBAdmin: Agent;
let otherAdmin: Agent;

beforeAll(async () => {
  t = await buildTestApp({ now: () => new Date('2026-03-01T02:00:00Z') });
  [countyAdmin, townAStaff, villageExec, townBAdmin, otherAdmin] = await Promise.all(
    ['county_admin', 'towna_staff', 'villagea1_exec', 'townb_admin', 'other_admin'].map((u) => t.login(u)),
  );
});
afterAll(() => t.close());

const names = (items: { name: string }[]) => items.map((i) => i.name);

async function orgRow(id: string) {
  return t.db.selectFrom('orgs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

async function auditOf(entityId: string, action: string) {
  return t.db.selectFrom('audit_log').selectAll().where('entity_id', '=', entityId).where('action', '=', action).execute();
}

async function createOrg(parentId: string, name: string, kind = 'new_sector') {
  const res = await countyAdmin.post('/api/orgs', { parentId, name, kind });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { id: string; name: string; depth: number };
}

describe('browsing the tree', () => {
  it('shows the actor’s own org as the root, with its active children counted', async () => {
    const res = await countyAdmin.get('/api/orgs/root');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      id: t.tree.county.id,
      name: '和顺县妇联',
      level: 'county',
      depth: 2,
      provinceCode: '14',
      childCount: 2,
      canManage: true,
      breadcrumbs: [{ id: t.tree.county.id, name: '和顺县妇联' }],
    });
    expect((await townAStaff.get('/api/orgs/root')).json()).toMatchObject({ id: t.tree.townA.id, canManage: false });
  });

  it('lists children lazily in division order with their child counts', async () => {
    const res = await countyAdmin.get(`/api/orgs/${t.tree.county.id}/children`);
    expect(res.statusCode).toBe(200);
    const items = res.json().items;
    expect(names(items)).toEqual(['义兴镇妇联', '李阳镇妇联']);
    expect(items.map((i: { childCount: number }) => i.childCount)).toEqual([2, 2]);
    const villages = (await villageExec.get(`/api/orgs/${t.tree.villageA1.id}/children`)).json().items;
    expect(villages).toEqual([]);
  });

  it('gives breadcrumbs from the actor’s org down, never above it', async () => {
    const fromCounty = (await countyAdmin.get(`/api/orgs/${t.tree.villageA1.id}`)).json();
    expect(names(fromCounty.breadcrumbs)).toEqual(['和顺县妇联', '义兴镇妇联', '东关村妇联']);
    const fromTown = (await townAStaff.get(`/api/orgs/${t.tree.villageA1.id}`)).json();
    expect(names(fromTown.breadcrumbs)).toEqual(['义兴镇妇联', '东关村妇联']);
    expect(fromTown).toMatchObject({ name: '东关村妇联', level: 'village', parentId: t.tree.townA.id, canManage: false });
  });

  it('hides orgs outside the subtree, including ancestors, as not found', async () => {
    for (const [agent, id] of [
      [villageExec, t.tree.townA.id],
      [townBAdmin, t.tree.villageA1.id],
      [otherAdmin, t.tree.county.id],
    ] as const) {
      const res = await agent.get(`/api/orgs/${id}`);
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('OUT_OF_SCOPE');
    }
    expect((await townBAdmin.get(`/api/orgs/${t.tree.townA.id}/children`)).statusCode).toBe(404);
  });
});

describe('searching by name', () => {
  it('finds Chinese names in the subtree with path names relative to the actor’s org', async () => {
    const res = await countyAdmin.get(`/api/orgs/search?q=${encodeURIComponent('关村')}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((i: { pathNames: string }) => i.pathNames)).toEqual(['义兴镇妇联 / 东关村妇联', '义兴镇妇联 / 西关村妇联']);
    const fromTown = (await townAStaff.get(`/api/orgs/search?q=${encodeURIComponent('东关')}`)).json().items;
    expect(fromTown).toMatchObject([{ id: t.tree.villageA1.id, pathNames: '东关村妇联', childCount: 0 }]);
  });

  it('finds nothing outside the subtree', async () => {
    expect((await townBAdmin.get(`/api/orgs/search?q=${encodeURIComponent('关村')}`)).json().items).toEqual([]);
    const own = (await townBAdmin.get(`/api/orgs/search?q=${encodeURIComponent('李阳')}`)).json().items;
    expect(own.map((i: { pathNames: string }) => i.pathNames)).toEqual(['李阳镇妇联', '李阳村妇联']);
    const other = (await otherAdmin.get(`/api/orgs/search?q=${encodeURIComponent('妇联')}`)).json().items;
    expect(names(other)).toEqual(['呼和浩特市妇联']);
  });

  it('treats % and _ as plain characters', async () => {
    const odd = await createOrg(t.tree.townB.id, '百分_之百%小组', 'women_group');
    expect((await countyAdmin.get(`/api/orgs/search?q=${encodeURIComponent('%')}`)).json().items.map((i: { id: string }) => i.id)).toEqual([odd.id]);
    expect((await countyAdmin.get(`/api/orgs/search?q=${encodeURIComponent('分_之')}`)).json().items).toHaveLength(1);
    expect((await countyAdmin.get(`/api/orgs/search?q=${encodeURIComponent('_关')}`)).json().items).toEqual([]);
  });
});

describe('creating, renaming and closing', () => {
  it('creates a non-administrative org under a parent in scope, with its audit row', async () => {
    const res = await countyAdmin.post('/api/orgs', { parentId: t.tree.townA.id, name: '义兴镇商会妇联', kind: 'new_sector' });
    expect(res.statusCode).toBe(200);
    const created = res.json();
    expect(created).toMatchObject({ name: '义兴镇商会妇联', kind: 'new_sector', level: null, depth: 4, parentId: t.tree.townA.id, childCount: 0 });
    expect(names(created.breadcrumbs)).toEqual(['和顺县妇联', '义兴镇妇联', '义兴镇商会妇联']);
    const row = await orgRow(created.id);
    expect(row.path).toMatch(new RegExp(`^${t.tree.townA.path.replaceAll('.', '\\.')}x[0-9a-z]{6}\\.$`));
    expect(row.province_code).toBe('14');
    const audit = await auditOf(created.id, 'create');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ entity: 'org', username: 'county_admin', org_id: created.id, province_code: '14' });
    const townA = (await countyAdmin.get(`/api/orgs/${t.tree.townA.id}`)).json();
    expect(townA.childCount).toBe(3);
  });

  it('refuses a duplicate name among active siblings', async () => {
    const res = await countyAdmin.post('/api/orgs', { parentId: t.tree.townA.id, name: '东关村妇联', kind: 'women_group' });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toContain('已有名为“东关村妇联”');
  });

  it('renames with before and after in the audit', async () => {
    const org = await createOrg(t.tree.villageA1.id, '东关一组');
    const res = await countyAdmin.patch(`/api/orgs/${org.id}`, { name: '东关村第一妇女小组' });
    expect(res.statusCode).toBe(200);
    expect(res.json().name).toBe('东关村第一妇女小组');
    const [audit] = await auditOf(org.id, 'update');
    expect(audit).toMatchObject({ before: { name: '东关一组' }, after: { name: '东关村第一妇女小组' } });
  });

  it('closes only orgs without active children, then hides them unless asked', async () => {
    const refused = await countyAdmin.post(`/api/orgs/${t.tree.townA.id}/close`, {});
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('ORG_HAS_ACTIVE_CHILDREN');
    const group = await createOrg(t.tree.villageA2.id, '西关网上妇联', 'online_group');
    const res = await countyAdmin.post(`/api/orgs/${group.id}/close`, { reason: '群已解散' });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('closed');
    expect((await orgRow(group.id)).closed_at).not.toBeNull();
    expect((await auditOf(group.id, 'close'))[0]).toMatchObject({ reason: '群已解散' });
    expect((await countyAdmin.get(`/api/orgs/${t.tree.villageA2.id}/children`)).json().items).toEqual([]);
    const withClosed = (await countyAdmin.get(`/api/orgs/${t.tree.villageA2.id}/children?includeClosed=true`)).json().items;
    expect(names(withClosed)).toEqual(['西关网上妇联']);
    expect((await countyAdmin.get(`/api/orgs/search?q=${encodeURIComponent('西关网上')}`)).json().items).toEqual([]);
    expect((await countyAdmin.get(`/api/orgs/search?q=${encodeURIComponent('西关网上')}&includeClosed=true`)).json().items).toHaveLength(1);
    const under = await countyAdmin.post('/api/orgs', { parentId: group.id, name: '下级小组', kind: 'women_group' });
    expect(under.statusCode).toBe(409);
    expect(under.json().code).toBe('ORG_CLOSED');
    expect((await countyAdmin.post(`/api/orgs/${group.id}/close`, {})).json().code).toBe('ORG_CLOSED');
  });

  it('does not let an admin close their own org', async () => {
    const res = await townBAdmin.post(`/api/orgs/${t.tree.townB.id}/close`, {});
    expect(res.statusCode).toBe(403);
    expect(res.json().message).toContain('本级');
  });
});

describe('moving a subtree', () => {
  const month = '2026-01-01';
  let sector: { id: string };
  let group: { id: string };

  async function rollup(orgId: string) {
    const r = await t.db
      .selectFrom('activity_rollups')
      .select(['activity_count', 'participant_sum'])
      .where('org_id', '=', orgId)
      .where('month', '=', month)
      .executeTakeFirst();
    return r ? [r.activity_count, Number(r.participant_sum)] : null;
  }

  async function allRollups() {
    return t.db.selectFrom('activity_rollups').selectAll().orderBy('org_id').orderBy('month').orderBy('kind_code').execute();
  }

  beforeAll(async () => {
    sector = await createOrg(t.tree.townA.id, '义兴镇物流园妇联');
    group = await createOrg(sector.id, '物流园一号楼妇女小组', 'women_group');
    await t.db.insertInto('activity_kinds').values({ code: 'lecture', name: '巾帼大宣讲', participant_unit: '人次' }).execute();
    const activity = (orgId: string, date: string, participants: number) => ({
      province_code: '14',
      id: uuidv7(),
      org_id: orgId,
      kind_code: 'lecture',
      title: '宣讲',
      date,
      participants,
    });
    await t.db
      .insertInto('activities')
      .values([activity(sector.id, '2026-01-10', 10), activity(group.id, '2026-01-20', 5), activity(t.tree.villageA1.id, '2026-01-05', 3)])
      .execute();
    await rebuildAllRollups(t.db);
  });

  it('moves the org and every descendant in one go and shifts the roll-ups', async () => {
    expect(await rollup(t.tree.townA.id)).toEqual([3, 18]);
    expect(await rollup(t.tree.townB.id)).toBeNull();
    const res = await countyAdmin.post(`/api/orgs/${sector.id}/move`, { newParentId: t.tree.townB.id });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ parentId: t.tree.townB.id, depth: 4 });
    expect(names(res.json().breadcrumbs)).toEqual(['和顺县妇联', '李阳镇妇联', '义兴镇物流园妇联']);
    const [s, g] = [await orgRow(sector.id), await orgRow(group.id)];
    expect(s.path.startsWith(t.tree.townB.path)).toBe(true);
    expect(g.path.startsWith(s.path)).toBe(true);
    expect(g).toMatchObject({ depth: 5, parent_id: sector.id });
    expect(await rollup(t.tree.townA.id)).toEqual([1, 3]);
    expect(await rollup(t.tree.townB.id)).toEqual([2, 15]);
    expect(await rollup(t.tree.county.id)).toEqual([3, 18]);
    expect((await auditOf(sector.id, 'move'))[0]).toMatchObject({ before: { parentId: t.tree.townA.id }, after: { parentId: t.tree.townB.id, movedCount: 2 } });
  });

  it('keeps roll-ups equal to a full rebuild when a move changes depths', async () => {
    const up = await countyAdmin.post(`/api/orgs/${sector.id}/move`, { newParentId: t.tree.county.id });
    expect(up.json()).toMatchObject({ depth: 3 });
    expect((await orgRow(group.id)).depth).toBe(4);
    expect(await rollup(sector.id)).toEqual([2, 15]);
    expect(await rollup(t.tree.townB.id)).toBeNull();
    const afterMove = await allRollups();
    await rebuildAllRollups(t.db);
    expect(await allRollups()).toEqual(afterMove);
    await countyAdmin.post(`/api/orgs/${sector.id}/move`, { newParentId: t.tree.townA.id });
    expect(await rollup(sector.id)).toBeNull();
    expect(await rollup(t.tree.townA.id)).toEqual([3, 18]);
  });

  it('refuses moves into its own subtree, of administrative orgs and of the actor’s own org', async () => {
    const inside = await countyAdmin.post(`/api/orgs/${sector.id}/move`, { newParentId: group.id });
    expect(inside.statusCode).toBe(400);
    expect(inside.json().code).toBe('ORG_MOVE_INVALID');
    const admin = await countyAdmin.post(`/api/orgs/${t.tree.villageA1.id}/move`, { newParentId: t.tree.townB.id });
    expect(admin.json().code).toBe('ADMINISTRATIVE_ORG');
    const own = await townBAdmin.post(`/api/orgs/${t.tree.townB.id}/move`, { newParentId: t.tree.villageB1.id });
    expect(own.json()).toMatchObject({ code: 'ORG_MOVE_INVALID', message: '不能移动本级组织' });
  });

  it('refuses a new parent outside the actor’s subtree as not found', async () => {
    const mine = await createOrg(t.tree.townB.id, '李阳镇网上妇联', 'online_group');
    const res = await townBAdmin.post(`/api/orgs/${mine.id}/move`, { newParentId: t.tree.townA.id });
    expect(res.statusCode).toBe(404);
    expect((await orgRow(mine.id)).parent_id).toBe(t.tree.townB.id);
  });
});

describe('authorization', () => {
  it('lets only admins change the structure', async () => {
    const create = await townAStaff.post('/api/orgs', { parentId: t.tree.townA.id, name: '新小组', kind: 'women_group' });
    expect(create.statusCode).toBe(403);
    expect(create.json().message).toContain('没有权限');
    expect((await villageExec.patch(`/api/orgs/${t.tree.villageA1.id}`, { name: '改名' })).statusCode).toBe(403);
  });

  it('refuses to modify orgs of another township or province as not found', async () => {
    expect((await townBAdmin.patch(`/api/orgs/${t.tree.villageA1.id}`, { name: '改名' })).statusCode).toBe(404);
    expect((await townBAdmin.post('/api/orgs', { parentId: t.tree.townA.id, name: '新小组', kind: 'women_group' })).statusCode).toBe(404);
    expect((await otherAdmin.post(`/api/orgs/${t.tree.villageA2.id}/close`, {})).statusCode).toBe(404);
    expect((await orgRow(t.tree.villageA1.id)).name).toBe('东关村妇联');
  });
});

describe('bad input', () => {
  it('refuses unknown fields and over-long names in Chinese', async () => {
    const unknown = await countyAdmin.post('/api/orgs', { parentId: t.tree.townA.id, name: '小组', kind: 'women_group', level: 'village' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().message).toMatch(/未知|不允许/);
    expect(unknown.json().message).toContain('level');
    const long = await countyAdmin.patch(`/api/orgs/${t.tree.townA.id}`, { name: '长'.repeat(10_000) });
    expect(long.statusCode).toBe(400);
    expect(long.json().message).toContain('名称不能超过 100 个字');
    const kind = await countyAdmin.post('/api/orgs', { parentId: t.tree.townA.id, name: '小组', kind: 'federation' });
    expect(kind.json().message).toContain('组织类型不正确');
  });

  it('refuses malformed ids and queries', async () => {
    const id = await countyAdmin.get('/api/orgs/not-an-id');
    expect(id.statusCode).toBe(400);
    expect(id.json().message).toContain('编号格式不正确');
    expect((await countyAdmin.get('/api/orgs/search?q=')).json().message).toContain('请输入名称');
    expect((await countyAdmin.get(`/api/orgs/search?q=${'长'.repeat(51)}`)).statusCode).toBe(400);
    expect((await countyAdmin.get(`/api/orgs/${t.tree.county.id}/children?includeClosed=yes`)).statusCode).toBe(400);
  });
});
