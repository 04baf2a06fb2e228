import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loggerOptions } from '../../http/request-log.ts';
import { buildTestApp, type Agent, type TestApp } from '../../test/build-test-app.ts';

let t: TestApp;
let staff: Agent;
let countyAdmin: Agent;
let townBAdmin: Agent;
let otherAdmin: Agent;
let exec: Agent;

/** a GB 11643 number with its check character */
function idNumber(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((s, w, i) => s + w * Number(first17[i]), 0);
  return first17 + '10X98765432'[sum % 11];
}

const ID_A = idNumber('14072319900101123');
const PHONE_A = '13812341234';

beforeAll(async () => {
  t = await buildTestApp();
  [staff, countyAdmin, townBAdmin, otherAdmin, exec] = await Promise.all([
    t.login('towna_staff'),
    t.login('county_admin'),
    t.login('townb_admin'),
    t.login('other_admin'),
    t.login('villagea1_exec'),
  ]);
});
afterAll(() => t.close());

async function auditRows(entityId: string) {
  return t.db.selectFrom('audit_log').selectAll().where('entity_id', '=', entityId).orderBy('at').orderBy('id').execute();
}

describe('persons', () => {
  let personId: string;

  it('creates a person and shows only masked numbers', async () => {
    const res = await staff.post('/api/persons', {
      orgId: t.tree.villageA1.id,
      name: '王秀英',
      gender: 'female',
      phone: PHONE_A,
      idNumber: ID_A,
      notes: '村妇联执委',
    });
    expect(res.statusCode).toBe(200);
    const p = res.json();
    personId = p.id;
    expect(p).toMatchObject({ name: '王秀英', orgId: t.tree.villageA1.id, orgName: '东关村妇联', phone: '138****1234', notes: '村妇联执委' });
    expect(p.idNumber).toBe(`1407**********${ID_A.slice(-4)}`);
    expect(res.body).not.toContain(PHONE_A);
    expect(res.body).not.toContain(ID_A);
    expect((await staff.get(`/api/persons/${personId}`)).json().phone).toBe('138****1234');
  });

  it('stores ciphertext: no column and no audit row holds a clear number', async () => {
    const row = await t.db.selectFrom('persons').selectAll().where('id', '=', personId).executeTakeFirstOrThrow();
    const phoneBytes = Buffer.from(row.phone_enc!);
    const idBytes = Buffer.from(row.id_number_enc!);
    expect(phoneBytes.length).toBeGreaterThan(PHONE_A.length);
    for (const bytes of [phoneBytes, idBytes]) {
      expect(bytes.includes(Buffer.from(PHONE_A))).toBe(false);
      expect(bytes.includes(Buffer.from(ID_A))).toBe(false);
      expect(bytes.includes(Buffer.from('1234'))).toBe(false);
    }
    const textColumns = JSON.stringify({ ...row, phone_enc: null, id_number_enc: null });
    expect(textColumns).not.toContain(PHONE_A);
    expect(textColumns).not.toContain(ID_A);
    const audits = await auditRows(personId);
    expect(audits.map((a) => a.action)).toEqual(['create']);
    expect(JSON.stringify(audits)).not.toContain(PHONE_A);
    expect((audits[0].after as { phone: string }).phone).toBe('138****1234');
  });

  it('updates only the fields sent, re-seals a new phone and clears a number given null', async () => {
    const res = await staff.patch(`/api/persons/${personId}`, { workplace: '东关村委会 文书', phone: '13900001111', idNumber: null });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: '王秀英', notes: '村妇联执委', workplace: '东关村委会 文书', phone: '139****1111', idNumber: null });
    const row = await t.db.selectFrom('persons').selectAll().where('id', '=', personId).executeTakeFirstOrThrow();
    expect(row.id_number_enc).toBeNull();
    expect(row.id_number_hash).toBeNull();
    const update = (await auditRows(personId)).find((a) => a.action === 'update')!;
    expect(update.before).toMatchObject({ phone: '138****1234' });
    expect(update.after).toMatchObject({ phone: '139****1111' });
    expect(JSON.stringify(update)).not.toContain('13900001111');
    await staff.patch(`/api/persons/${personId}`, { idNumber: ID_A });
  });

  it('unmasks for staff with a reason and audits every unmasking', async () => {
    const res = await staff.post(`/api/persons/${personId}/unmask`, { field: 'phone', reason: '通知参加培训' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ value: '13900001111' });
    const id = await countyAdmin.post(`/api/persons/${personId}/unmask`, { field: 'idNumber', reason: '核对身份' });
    expect(id.json()).toEqual({ value: ID_A });
    const unmasks = (await auditRows(personId)).filter((a) => a.action === 'unmask');
    expect(unmasks).toHaveLength(2);
    expect(unmasks[0]).toMatchObject({ entity: 'person', username: 'towna_staff', reason: '通知参加培训', org_id: t.tree.villageA1.id });
    expect(unmasks[1]).toMatchObject({ username: 'county_admin', reason: '核对身份' });
    expect(JSON.stringify(unmasks)).not.toContain('13900001111');
    expect(JSON.stringify(unmasks)).not.toContain(ID_A);
  });

  it('refuses unmasking to executives, without a reason, and outside the subtree', async () => {
    const before = (await auditRows(personId)).length;
    const byExec = await exec.post(`/api/persons/${personId}/unmask`, { field: 'phone', reason: '联系' });
    expect(byExec.statusCode).toBe(403);
    const noReason = await staff.post(`/api/persons/${personId}/unmask`, { field: 'phone', reason: ' ' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().message).toContain('查看原因');
    const outside = await townBAdmin.post(`/api/persons/${personId}/unmask`, { field: 'phone', reason: '联系' });
    expect(outside.statusCode).toBe(404);
    expect(await auditRows(personId)).toHaveLength(before);
  });

  it('refuses an ID number already registered in the province, naming 身份证号', async () => {
    const dup = await countyAdmin.post('/api/persons', { orgId: t.tree.townB.id, name: '王秀英', idNumber: ID_A.toLowerCase() });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('DUPLICATE');
    expect(dup.json().message).toContain('身份证号');
    expect(dup.json().message).toContain('王秀英');
    // someone who cannot see the holder learns no name
    const hidden = await townBAdmin.post('/api/persons', { orgId: t.tree.townB.id, name: '李四', idNumber: ID_A });
    expect(hidden.statusCode).toBe(409);
    expect(hidden.json().message).toContain('身份证号');
    expect(hidden.json().message).not.toContain('王秀英');
    const other = await countyAdmin.post('/api/persons', { orgId: t.tree.townA.id, name: '赵敏' });
    const viaUpdate = await countyAdmin.patch(`/api/persons/${other.json().id}`, { idNumber: ID_A });
    expect(viaUpdate.statusCode).toBe(409);
    // the same number in another province is another registry
    const otherProvince = await otherAdmin.post('/api/persons', { orgId: t.tree.otherCounty.id, name: '王秀英', idNumber: ID_A });
    expect(otherProvince.statusCode).toBe(200);
    // a person may keep their own number
    expect((await staff.patch(`/api/persons/${personId}`, { idNumber: ID_A })).statusCode).toBe(200);
  });

  it('lists with name search, number search, paging and the whole subtree of an org', async () => {
    for (const [org, name] of [
      [t.tree.villageA2.id, '王桂兰'],
      [t.tree.townB.id, '王淑珍'],
      [t.tree.villageB1.id, '刘芳'],
    ] as const) {
      expect((await countyAdmin.post('/api/persons', { orgId: org, name })).statusCode).toBe(200);
    }
    const all = (await countyAdmin.get('/api/persons?pageSize=200')).json();
    expect(all.total).toBe(5);
    const wang = (await countyAdmin.get(`/api/persons?q=${encodeURIComponent('王')}`)).json();
    expect(wang.items.map((p: { name: string }) => p.name).sort()).toEqual(['王桂兰', '王淑珍', '王秀英'].sort());
    const townA = (await countyAdmin.get(`/api/persons?orgId=${t.tree.townA.id}`)).json();
    expect(townA.items.map((p: { name: string }) => p.name).sort()).toEqual(['王桂兰', '王秀英', '赵敏'].sort());
    const page2 = (await countyAdmin.get(`/api/persons?orgId=${t.tree.townA.id}&page=2&pageSize=2`)).json();
    expect(page2).toMatchObject({ total: 3 });
    expect(page2.items).toHaveLength(1);
    const byPhone = (await countyAdmin.get('/api/persons?q=13900001111')).json();
    expect(byPhone.items.map((p: { id: string }) => p.id)).toEqual([personId]);
    const byId = (await countyAdmin.get(`/api/persons?q=${ID_A}`)).json();
    expect(byId.items.map((p: { id: string }) => p.id)).toEqual([personId]);
    const wildcard = (await countyAdmin.get(`/api/persons?q=${encodeURIComponent('%')}`)).json();
    expect(wildcard.total).toBe(0);
  });

  it('keeps each user inside their subtree', async () => {
    const townB = (await townBAdmin.get('/api/persons?pageSize=200')).json();
    expect(townB.items.map((p: { name: string }) => p.name).sort()).toEqual(['刘芳', '王淑珍'].sort());
    expect((await townBAdmin.get(`/api/persons/${personId}`)).statusCode).toBe(404);
    expect((await townBAdmin.get(`/api/persons?orgId=${t.tree.townA.id}`)).statusCode).toBe(404);
    expect((await townBAdmin.patch(`/api/persons/${personId}`, { name: '改名' })).statusCode).toBe(404);
    const other = (await otherAdmin.get('/api/persons?pageSize=200')).json();
    expect(other.items.every((p: { orgId: string }) => p.orgId === t.tree.otherCounty.id)).toBe(true);
    expect((await otherAdmin.get(`/api/persons/${personId}`)).statusCode).toBe(404);
    expect((await otherAdmin.get(`/api/persons?orgId=${t.tree.county.id}`)).statusCode).toBe(404);
    const moved = await staff.patch(`/api/persons/${personId}`, { orgId: t.tree.townB.id });
    expect(moved.statusCode).toBe(404);
  });

  it('lets executives read their subtree but not write', async () => {
    const list = (await exec.get('/api/persons')).json();
    expect(list.items.map((p: { name: string }) => p.name)).toEqual(['王秀英']);
    expect((await exec.get(`/api/persons/${personId}`)).statusCode).toBe(200);
    expect((await exec.post('/api/persons', { orgId: t.tree.villageA1.id, name: '张三' })).statusCode).toBe(403);
    expect((await exec.patch(`/api/persons/${personId}`, { name: '张三' })).statusCode).toBe(403);
  });

  it('refuses bad input with a Chinese message naming the field', async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ orgId: t.tree.townA.id, name: '甲', phone: '1381234123' }, 'body.phone', '手机号'],
      [{ orgId: t.tree.townA.id, name: '甲', idNumber: ID_A.slice(0, 17) + (ID_A.endsWith('1') ? '2' : '1') }, 'body.idNumber', '校验位'],
      [{ orgId: t.tree.townA.id, name: '甲', idNumber: '1'.repeat(10_000) }, 'body.idNumber', '身份证号'],
      [{ orgId: t.tree.townA.id, name: '甲'.repeat(10_000) }, 'body.name', '姓名不能超过 50 个字'],
      [{ orgId: t.tree.townA.id, name: '甲', notes: 'x'.repeat(10_000) }, 'body.notes', '备注不能超过 500 个字'],
      [{ orgId: 'not-an-id', name: '甲' }, 'body.orgId', '编号格式不正确'],
      [{ orgId: t.tree.townA.id, name: '' }, 'body.name', '姓名不能为空'],
      [{ orgId: t.tree.townA.id, name: '甲', gender: 'x' }, 'body.gender', '性别'],
    ];
    for (const [body, path, text] of cases) {
      const res = await staff.post('/api/persons', body);
      expect(res.statusCode, path).toBe(400);
      expect(res.json().fields[0].path).toBe(path);
      expect(res.json().message).toContain(text);
    }
    const unknown = await staff.post('/api/persons', { orgId: t.tree.townA.id, name: '甲', salary: 1 });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().fields[0].path).toBe('body.salary');
    expect(unknown.json().message).toContain('不允许的字段');
    const longQ = await staff.get(`/api/persons?q=${'a'.repeat(10_000)}`);
    expect(longQ.statusCode).toBe(400);
    expect(longQ.json().message).toContain('搜索词');
    const badUnmask = await staff.post(`/api/persons/${personId}/unmask`, { field: 'address', reason: '看看' });
    expect(badUnmask.statusCode).toBe(400);
    expect(badUnmask.json().fields[0].path).toBe('body.field');
    expect((await staff.get('/api/persons/123')).statusCode).toBe(400);
  });

  it('refuses persons in a closed org', async () => {
    await t.db.updateTable('orgs').set({ status: 'closed' }).where('id', '=', t.tree.villageA2.id).execute();
    const res = await staff.post('/api/persons', { orgId: t.tree.villageA2.id, name: '钱红' });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('ORG_CLOSED');
    await t.db.updateTable('orgs').set({ status: 'active' }).where('id', '=', t.tree.villageA2.id).execute();
  });
});

describe('the request log', () => {
  it('keeps a number searched for out of the log lines', async () => {
    const lines: string[] = [];
    const app = Fastify({ logger: loggerOptions('info', { write: (line) => lines.push(line) }) });
    app.get('/api/persons', async () => ({ items: [] }));
    const res = await app.inject({ method: 'GET', url: `/api/persons?q=${PHONE_A}&orgId=x` });
    expect(res.statusCode).toBe(200);
    await app.close();
    const logged = lines.join('');
    expect(logged).toContain('/api/persons');
    expect(logged).not.toContain(PHONE_A);
    expect(logged).not.toContain('?q=');
  });
});
