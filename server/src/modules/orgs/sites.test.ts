import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Agent, type TestApp } from '../../test/build-test-app.ts';

let t: TestApp;
let countyAdmin: Agent;
let townAStaff: Agent;
let villageExec: Agent;
let townBAdmin: Agent;
let otherAdmin: Agent;

beforeAll(async () => {
  t = await buildTestApp();
  [countyAdmin, townAStaff, villageExec, townBAdmin, otherAdmin] = await Promise.all(
    ['county_admin', 'towna_staff', 'villagea1_exec', 'townb_admin', 'other_admin'].map((u) => t.login(u)),
  );
});
afterAll(() => t.close());

async function auditOf(entityId: string) {
  return t.db.selectFrom('audit_log').selectAll().where('entity', '=', 'site').where('entity_id', '=', entityId).orderBy('at').execute();
}

async function addSite(agent: Agent, orgId: string, name: string, address: string | null = null) {
  const res = await agent.post('/api/sites', { orgId, kind: 'womens_home', name, address });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { id: string; name: string; address: string | null };
}

describe('service sites', () => {
  it('lets staff add a site to an org of their subtree, with an audit row', async () => {
    const site = await addSite(townAStaff, t.tree.villageA1.id, '东关村妇女之家', '东关村委会二楼');
    expect(site).toMatchObject({ orgId: t.tree.villageA1.id, kind: 'womens_home', status: 'active', address: '东关村委会二楼' });
    const row = await t.db.selectFrom('sites').selectAll().where('id', '=', site.id).executeTakeFirstOrThrow();
    expect(row.province_code).toBe('14');
    const audit = await auditOf(site.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'create', username: 'towna_staff', org_id: t.tree.villageA1.id });
  });

  it('lists the sites of an org for every role in the subtree', async () => {
    await addSite(countyAdmin, t.tree.villageA1.id, '东关村妇女微家');
    const res = await villageExec.get(`/api/orgs/${t.tree.villageA1.id}/sites`);
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((s: { name: string }) => s.name).sort()).toEqual(['东关村妇女之家', '东关村妇女微家'].sort());
    expect((await townBAdmin.get(`/api/orgs/${t.tree.villageA1.id}/sites`)).statusCode).toBe(404);
    expect((await otherAdmin.get(`/api/orgs/${t.tree.villageA1.id}/sites`)).statusCode).toBe(404);
  });

  it('updates only the fields sent and audits what changed', async () => {
    const site = await addSite(townAStaff, t.tree.villageA2.id, '西关村妇女之家', '西关村文化广场');
    const res = await townAStaff.patch(`/api/sites/${site.id}`, { name: '西关村巾帼之家' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: '西关村巾帼之家', address: '西关村文化广场' });
    const [, update] = await auditOf(site.id);
    expect(update).toMatchObject({ action: 'update', before: { name: '西关村妇女之家' }, after: { name: '西关村巾帼之家' } });
    const cleared = await townAStaff.patch(`/api/sites/${site.id}`, { address: '' });
    expect(cleared.json().address).toBeNull();
  });

  it('hides closed sites unless asked', async () => {
    const site = await addSite(townAStaff, t.tree.townA.id, '义兴镇妇女之家');
    expect((await townAStaff.patch(`/api/sites/${site.id}`, { status: 'closed' })).json().status).toBe('closed');
    expect((await townAStaff.get(`/api/orgs/${t.tree.townA.id}/sites`)).json().items).toEqual([]);
    const all = (await townAStaff.get(`/api/orgs/${t.tree.townA.id}/sites?includeClosed=true`)).json().items;
    expect(all).toMatchObject([{ id: site.id, status: 'closed' }]);
  });

  it('refuses executives, and sites of other subtrees as not found', async () => {
    const exec = await villageExec.post('/api/sites', { orgId: t.tree.villageA1.id, kind: 'micro_home', name: '微家' });
    expect(exec.statusCode).toBe(403);
    const site = await addSite(townAStaff, t.tree.villageA1.id, '东关村三组妇女微家');
    const other = await townBAdmin.patch(`/api/sites/${site.id}`, { name: '改名' });
    expect(other.statusCode).toBe(404);
    expect(other.json().code).toBe('OUT_OF_SCOPE');
    expect((await townBAdmin.post('/api/sites', { orgId: t.tree.villageA1.id, kind: 'micro_home', name: '微家' })).statusCode).toBe(404);
  });

  it('adds no site to a closed org and reopens none there', async () => {
    const group = await countyAdmin.post('/api/orgs', { parentId: t.tree.villageB1.id, name: '李阳村妇女小组', kind: 'women_group' });
    const groupId = group.json().id as string;
    const site = await addSite(countyAdmin, groupId, '李阳村妇女微家');
    await countyAdmin.patch(`/api/sites/${site.id}`, { status: 'closed' });
    expect((await countyAdmin.post(`/api/orgs/${groupId}/close`, {})).statusCode).toBe(200);
    const added = await countyAdmin.post('/api/sites', { orgId: groupId, kind: 'micro_home', name: '新微家' });
    expect(added.statusCode).toBe(409);
    expect(added.json().code).toBe('ORG_CLOSED');
    const reopened = await countyAdmin.patch(`/api/sites/${site.id}`, { status: 'active' });
    expect(reopened.statusCode).toBe(409);
    expect(reopened.json().message).toContain('已撤销');
  });

  it('refuses bad input with Chinese messages', async () => {
    const long = await townAStaff.post('/api/sites', { orgId: t.tree.townA.id, kind: 'womens_home', name: '长'.repeat(10_000) });
    expect(long.statusCode).toBe(400);
    expect(long.json().message).toContain('名称不能超过 100 个字');
    const unknown = await townAStaff.post('/api/sites', { orgId: t.tree.townA.id, kind: 'womens_home', name: '家', area: 30 });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().message).toContain('area');
    const kind = await townAStaff.post('/api/sites', { orgId: t.tree.townA.id, kind: 'house', name: '家' });
    expect(kind.statusCode).toBe(400);
    expect(kind.json().fields[0].path).toBe('body.kind');
    const badId = await townAStaff.patch('/api/sites/123', { name: '家' });
    expect(badId.json().message).toContain('编号格式不正确');
  });
});
