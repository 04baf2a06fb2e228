import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Agent, type TestApp } from '../../test/build-test-app.ts';

let t: TestApp;
let staff: Agent;
let countyAdmin: Agent;
let townBAdmin: Agent;
let otherAdmin: Agent;
let exec: Agent;
const people: Record<string, string> = {};

// "today" is 2026-03-01 in Asia/Shanghai
beforeAll(async () => {
  t = await buildTestApp({ now: () => new Date('2026-03-01T02:00:00Z') });
  [staff, countyAdmin, townBAdmin, otherAdmin, exec] = await Promise.all([
    t.login('towna_staff'),
    t.login('county_admin'),
    t.login('townb_admin'),
    t.login('other_admin'),
    t.login('villagea1_exec'),
  ]);
  for (const [name, org] of [
    ['张丽', t.tree.townA.id],
    ['李娟', t.tree.townA.id],
    ['王芳', t.tree.villageA1.id],
    ['赵霞', t.tree.townB.id],
  ] as const) {
    people[name] = (await countyAdmin.post('/api/persons', { orgId: org, name })).json().id;
  }
});
afterAll(() => t.close());

type Position = { id: string; personName: string; orgName: string; role: string; endDate: string | null };

async function roster(agent: Agent, orgId: string, includeEnded = false): Promise<Position[]> {
  const res = await agent.get(`/api/orgs/${orgId}/roster?includeEnded=${includeEnded}`);
  expect(res.statusCode).toBe(200);
  return res.json().items;
}

describe('positions', () => {
  let executiveId: string;

  it('records positions and lists the roster chair first', async () => {
    const exec1 = await staff.post('/api/positions', {
      personId: people['王芳'],
      orgId: t.tree.townA.id,
      role: 'executive',
      startDate: '2023-01-10',
      term: '第十届',
    });
    expect(exec1.statusCode).toBe(200);
    executiveId = exec1.json().id;
    expect(exec1.json()).toMatchObject({ personName: '王芳', orgName: '义兴镇妇联', role: 'executive', appointmentType: null, endDate: null, term: '第十届' });
    const vice = await staff.post('/api/positions', {
      personId: people['李娟'],
      orgId: t.tree.townA.id,
      role: 'vice_chair',
      appointmentType: 'part_time',
      startDate: '2023-01-10',
    });
    expect(vice.json().appointmentType).toBe('part_time');
    const chair = await staff.post('/api/positions', {
      personId: people['张丽'],
      orgId: t.tree.townA.id,
      role: 'chair',
      appointmentType: 'full_time',
      startDate: '2024-05-01',
    });
    expect(chair.statusCode).toBe(200);
    const items = await roster(staff, t.tree.townA.id);
    expect(items.map((p) => [p.personName, p.role])).toEqual([
      ['张丽', 'chair'],
      ['李娟', 'vice_chair'],
      ['王芳', 'executive'],
    ]);
    const audit = await t.db.selectFrom('audit_log').selectAll().where('entity_id', '=', chair.json().id).execute();
    expect(audit).toMatchObject([{ action: 'create', entity: 'position', org_id: t.tree.townA.id }]);
  });

  it('refuses an appointment type outside chairs, reversed dates and an overlapping duplicate', async () => {
    const typed = await staff.post('/api/positions', {
      personId: people['王芳'],
      orgId: t.tree.villageA1.id,
      role: 'executive',
      appointmentType: 'seconded',
      startDate: '2024-01-01',
    });
    expect(typed.statusCode).toBe(400);
    expect(typed.json().fields[0].path).toBe('body.appointmentType');
    expect(typed.json().message).toContain('任职方式');
    const reversed = await staff.post('/api/positions', {
      personId: people['王芳'],
      orgId: t.tree.villageA1.id,
      role: 'executive',
      startDate: '2024-01-01',
      endDate: '2023-01-01',
    });
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().fields[0].path).toBe('body.endDate');
    const overlap = await staff.post('/api/positions', {
      personId: people['王芳'],
      orgId: t.tree.townA.id,
      role: 'executive',
      startDate: '2025-01-01',
    });
    expect(overlap.statusCode).toBe(409);
    expect(overlap.json().message).toContain('不能重叠');
    const badRole = await staff.post('/api/positions', { personId: people['王芳'], orgId: t.tree.townA.id, role: 'boss', startDate: '2025-01-01' });
    expect(badRole.statusCode).toBe(400);
    expect(badRole.json().fields[0].path).toBe('body.role');
    const badDate = await staff.post('/api/positions', { personId: people['王芳'], orgId: t.tree.townA.id, role: 'volunteer', startDate: '2025-13-01' });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json().message).toContain('YYYY-MM-DD');
    const longTerm = await staff.post('/api/positions', {
      personId: people['王芳'],
      orgId: t.tree.townA.id,
      role: 'volunteer',
      startDate: '2025-01-01',
      term: '届'.repeat(10_000),
    });
    expect(longTerm.statusCode).toBe(400);
    expect(longTerm.json().message).toContain('届次不能超过');
  });

  it('ends a position: it leaves the current roster and stays in the full one', async () => {
    const early = await staff.post(`/api/positions/${executiveId}/end`, { endDate: '2022-12-31' });
    expect(early.statusCode).toBe(400);
    expect(early.json().fields[0].path).toBe('body.endDate');
    const ended = await staff.post(`/api/positions/${executiveId}/end`, { endDate: '2026-02-28' });
    expect(ended.statusCode).toBe(200);
    expect(ended.json().endDate).toBe('2026-02-28');
    expect((await roster(staff, t.tree.townA.id)).map((p) => p.personName)).toEqual(['张丽', '李娟']);
    expect((await roster(staff, t.tree.townA.id, true)).map((p) => p.personName)).toEqual(['张丽', '李娟', '王芳']);
    const again = await staff.post(`/api/positions/${executiveId}/end`, { endDate: '2026-03-01' });
    expect(again.statusCode).toBe(409);
    const audit = await t.db.selectFrom('audit_log').selectAll().where('entity_id', '=', executiveId).where('action', '=', 'update').executeTakeFirstOrThrow();
    expect(audit.before).toMatchObject({ endDate: null });
    expect(audit.after).toMatchObject({ endDate: '2026-02-28' });
    // after the overlap has ended, the role may be taken again
    const renewed = await staff.post('/api/positions', { personId: people['王芳'], orgId: t.tree.townA.id, role: 'executive', startDate: '2026-03-01' });
    expect(renewed.statusCode).toBe(200);
  });

  it("shows a person's history across the orgs the reader may see", async () => {
    const county = await countyAdmin.post('/api/positions', {
      personId: people['王芳'],
      orgId: t.tree.county.id,
      role: 'representative',
      startDate: '2021-06-01',
      endDate: '2025-12-31',
    });
    expect(county.statusCode).toBe(200);
    const village = await staff.post('/api/positions', { personId: people['王芳'], orgId: t.tree.villageA1.id, role: 'volunteer', startDate: '2020-03-08' });
    expect(village.statusCode).toBe(200);
    const full = (await countyAdmin.get(`/api/persons/${people['王芳']}/positions`)).json().items as Position[];
    expect(full.map((p) => p.orgName)).toEqual(['义兴镇妇联', '义兴镇妇联', '和顺县妇联', '东关村妇联']);
    const fromTownA = (await staff.get(`/api/persons/${people['王芳']}/positions`)).json().items as Position[];
    expect(fromTownA.map((p) => p.orgName)).not.toContain('和顺县妇联');
    expect(fromTownA).toHaveLength(3);
    expect((await countyAdmin.get(`/api/orgs/${t.tree.county.id}/roster`)).json().items).toHaveLength(0);
    expect((await countyAdmin.get(`/api/orgs/${t.tree.county.id}/roster?includeEnded=true`)).json().items).toHaveLength(1);
  });

  it('deletes a mistaken position with an audit row', async () => {
    const mistaken = (await staff.post('/api/positions', { personId: people['李娟'], orgId: t.tree.villageA1.id, role: 'staff', startDate: '2025-01-01' })).json();
    const res = await staff.del(`/api/positions/${mistaken.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true });
    expect((await roster(staff, t.tree.villageA1.id, true)).map((p) => p.id)).not.toContain(mistaken.id);
    const audit = await t.db.selectFrom('audit_log').selectAll().where('entity_id', '=', mistaken.id).where('action', '=', 'delete').executeTakeFirstOrThrow();
    expect(audit.before).toMatchObject({ personName: '李娟', role: 'staff' });
    expect((await staff.del(`/api/positions/${mistaken.id}`)).statusCode).toBe(404);
  });

  it('keeps positions inside the subtree and writes to admins and staff', async () => {
    expect((await townBAdmin.get(`/api/orgs/${t.tree.townA.id}/roster`)).statusCode).toBe(404);
    expect((await townBAdmin.get(`/api/persons/${people['王芳']}/positions`)).statusCode).toBe(404);
    const foreignPerson = await townBAdmin.post('/api/positions', { personId: people['王芳'], orgId: t.tree.townB.id, role: 'volunteer', startDate: '2025-01-01' });
    expect(foreignPerson.statusCode).toBe(404);
    const foreignOrg = await staff.post('/api/positions', { personId: people['王芳'], orgId: t.tree.townB.id, role: 'volunteer', startDate: '2025-01-01' });
    expect(foreignOrg.statusCode).toBe(404);
    expect((await townBAdmin.post(`/api/positions/${executiveId}/end`, { endDate: '2026-03-01' })).statusCode).toBe(404);
    expect((await townBAdmin.del(`/api/positions/${executiveId}`)).statusCode).toBe(404);
    expect((await otherAdmin.get(`/api/orgs/${t.tree.county.id}/roster`)).statusCode).toBe(404);
    const crossProvince = await otherAdmin.post('/api/positions', { personId: people['赵霞'], orgId: t.tree.otherCounty.id, role: 'volunteer', startDate: '2025-01-01' });
    expect(crossProvince.statusCode).toBe(404);
    const byExec = await exec.post('/api/positions', { personId: people['王芳'], orgId: t.tree.villageA1.id, role: 'volunteer', startDate: '2025-01-01' });
    expect(byExec.statusCode).toBe(403);
    expect((await exec.del(`/api/positions/${executiveId}`)).statusCode).toBe(403);
    expect((await exec.get(`/api/orgs/${t.tree.townA.id}/roster`)).statusCode).toBe(404);
    expect((await roster(exec, t.tree.villageA1.id)).map((p) => p.personName)).toEqual(['王芳']);
    const townB = await townBAdmin.post('/api/positions', { personId: people['赵霞'], orgId: t.tree.villageB1.id, role: 'chair', appointmentType: 'part_time', startDate: '2025-01-01' });
    expect(townB.statusCode).toBe(200);
  });

  it('refuses new positions in a closed org', async () => {
    await t.db.updateTable('orgs').set({ status: 'closed' }).where('id', '=', t.tree.villageA2.id).execute();
    const res = await staff.post('/api/positions', { personId: people['李娟'], orgId: t.tree.villageA2.id, role: 'volunteer', startDate: '2025-01-01' });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('ORG_CLOSED');
  });
});
