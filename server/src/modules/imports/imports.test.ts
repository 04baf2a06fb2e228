import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportJob } from '@jinguo/common/imports.schema.ts';
import { buildTestApp, type Agent, type TestApp } from '../../test/build-test-app.ts';
import { multipartFile } from '../../test/general/entity-fixtures.ts';
import { ensureSystemKinds, readRollups, recomputeRollups } from '../activities/activities.test-fixtures.ts';

// 2026-03-09 17:30 UTC is already 2026-03-10 in Asia/Shanghai
const clock = new Date('2026-03-09T17:30:00Z');
let t: TestApp;
let admin: Agent;
let staff: Agent;
let exec: Agent;
let townB: Agent;

beforeAll(async () => {
  t = await buildTestApp({ now: () => clock });
  await ensureSystemKinds(t.db);
  [admin, staff, exec, townB] = await Promise.all(['county_admin', 'towna_staff', 'villagea1_exec', 'townb_admin'].map((u) => t.login(u)));
});
afterAll(() => t.close());

type Cell = string | number | Date | null;

async function workbook(rows: Cell[][], opts: { sheetName?: string; titleRows?: string[] } = {}): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(opts.sheetName ?? 'Sheet1');
  for (const title of opts.titleRows ?? []) sheet.addRow([title]);
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await book.xlsx.writeBuffer());
}

async function upload(agent: Agent, kind: string, data: Buffer, fileName = '台账.xlsx') {
  const mime = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  return agent.request({ method: 'POST', url: `/api/imports?kind=${kind}`, ...multipartFile({ fileName, mimeType: mime, data }) });
}

async function waitFor(agent: Agent, id: string): Promise<ImportJob> {
  for (;;) {
    const res = await agent.get(`/api/imports/${id}`);
    expect(res.statusCode, res.body).toBe(200);
    const job = res.json() as ImportJob;
    if (job.status !== 'running') return job;
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** upload, start with the proposed mapping (or the one given), and wait for the outcome */
async function importSheet(agent: Agent, kind: string, data: Buffer, mapping?: Record<string, number | null>): Promise<ImportJob> {
  const up = await upload(agent, kind, data);
  expect(up.statusCode, up.body).toBe(200);
  const job = up.json() as ImportJob;
  const start = await agent.post(`/api/imports/${job.id}/start`, { mapping: mapping ?? job.mapping });
  expect(start.statusCode, start.body).toBe(200);
  return waitFor(agent, job.id);
}

const activityHeader = ['组织', '活动类型', '活动名称', '活动日期', '地点', '参加人数', '备注'];

async function countActivities(title: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from activities where title like ${`${title}%`}`.execute(t.db);
  return rows[0].n;
}

describe('templates', () => {
  it('has Chinese headers, an example row and a notes sheet, and imports as it is (the example row skipped)', async () => {
    const res = await staff.get('/api/imports/template?kind=activities');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const [data, notes] = book.worksheets;
    expect(data.getRow(1).values).toEqual([undefined, '组织*', '活动类型*', '活动名称*', '活动日期*', '地点', '参加人数*', '备注']);
    expect(data.getRow(2).getCell(1).value).toBe('东关村妇联');
    expect(notes.name).toBe('填写说明');
    const up = await upload(staff, 'activities', Buffer.from(res.rawPayload));
    const job = up.json() as ImportJob;
    expect(job.mapping).toEqual({ org: 0, kind: 1, title: 2, date: 3, place: 4, participants: 5, notes: 6 });
    const done = await waitFor(staff, (await staff.post(`/api/imports/${job.id}/start`, { mapping: job.mapping })).json().id);
    expect(done.status).toBe('failed');
    expect(done.errors).toEqual([{ row: 1, column: '', message: '表格中没有数据行' }]);
  });

  it('offers the org template to admins only', async () => {
    expect((await admin.get('/api/imports/template?kind=orgs')).statusCode).toBe(200);
    expect((await staff.get('/api/imports/template?kind=orgs')).statusCode).toBe(403);
    expect((await exec.get('/api/imports/template?kind=people')).statusCode).toBe(403);
  });
});

describe('importing activities', () => {
  it('imports every row in one go, traced to the import, with rollups in step and one audit row', async () => {
    const data = await workbook([
      activityHeader,
      ['东关村妇联', '巾帼大宣讲', '导入宣讲一', '2026-03-01', '村委会', 30, null],
      ['义兴镇妇联/西关村妇联', 'outreach_lecture', '导入宣讲二', new Date(Date.UTC(2026, 1, 14)), null, 12, '夜校'],
      ['西关村', '集中学习', '导入学习', '2026/2/3', '', '25', null],
      ['义兴镇妇联', '培训', '导入培训', 46000, null, 40, null],
    ]);
    const job = await importSheet(staff, 'activities', data);
    expect(job).toMatchObject({ status: 'succeeded', imported: 4, errorCount: 0, total: 4 });
    const { rows } = await sql<{ title: string; date: string; import_id: string; org_id: string }>`
      select title, date, import_id::text, org_id::text from activities where title like '导入%' order by title`.execute(t.db);
    expect(rows.map((r) => [r.title, r.date])).toEqual([
      ['导入培训', '2025-12-09'],
      ['导入学习', '2026-02-03'],
      ['导入宣讲一', '2026-03-01'],
      ['导入宣讲二', '2026-02-14'],
    ]);
    expect(new Set(rows.map((r) => r.import_id))).toEqual(new Set([job.id]));
    expect(await readRollups(t.db)).toEqual(await recomputeRollups(t.db));
    const { rows: audit } = await sql<{ after: { activities: number } }>`select after from audit_log where action = 'import' and entity_id = ${job.id}`.execute(t.db);
    expect(audit).toHaveLength(1);
    expect(audit[0].after.activities).toBe(4);
  });

  it('imports nothing when one row is bad, and lists every bad row with its column and reason', async () => {
    const before = await countActivities('批量');
    const data = await workbook([
      activityHeader,
      ['东关村妇联', '巾帼大宣讲', '批量一', '2026-03-02', null, 10, null],
      ['不存在村妇联', '巾帼大宣讲', '批量二', '2026-03-02', null, 10, null],
      ['东关村妇联', '跳舞', '批量三', '2026-13-02', null, -3, null],
      ['东关村妇联', '巾帼大宣讲', '批量四', '2026-03-11', null, 'abc', null],
      ['东关村妇联', '巾帼大宣讲', '批量一', '2026-03-02', null, 5, null],
      ['李阳村妇联', '巾帼大宣讲', '批量五', '2026-03-02', null, 5, null],
      ['', '巾帼大宣讲', '', '2026-03-02', null, 5, null],
    ]);
    const job = await importSheet(staff, 'activities', data);
    expect(job.status).toBe('failed');
    expect(job.imported).toBe(0);
    expect(await countActivities('批量')).toBe(before);
    const errors = (await staff.get(`/api/imports/${job.id}/errors`)).json().items as { row: number; column: string; message: string }[];
    const at = (row: number) => errors.filter((e) => e.row === row).map((e) => `${e.column}:${e.message}`);
    expect(at(2)).toEqual([]);
    expect(at(3)).toEqual(['组织:找不到组织“不存在村妇联”，或它不在您的管辖范围内']);
    expect(at(4)).toEqual([
      '活动类型:没有名为“跳舞”的活动类型',
      '活动日期:活动日期不是有效日期（现为“2026-13-02”），应为 2026-03-08 这样的格式',
      '参加人数:参加人数不能为负数',
    ]);
    expect(at(5)).toEqual(['活动日期:活动日期 2026-03-11 晚于今天', '参加人数:参加人数应为数字（现为“abc”）']);
    expect(at(6)).toEqual(['活动名称:与第 2 行重复（同一组织、日期、类型和名称）']);
    // township A's staff does not see township B's village
    expect(at(7)).toEqual(['组织:找不到组织“李阳村妇联”，或它不在您的管辖范围内']);
    expect(at(8)).toEqual(['组织:组织不能为空', '活动名称:活动名称不能为空']);
    expect(job.errorCount).toBe(errors.length);
  });

  it('gives back the sheet with the bad cells marked red, commented and explained', async () => {
    const data = await workbook([activityHeader, ['东关村妇联', '巾帼大宣讲', '标注一', '2026-03-02', null, 10, null], ['东关村妇联', '巾帼大宣讲', '标注二', '明天', null, 'x', null]], {
      titleRows: ['2026年活动台账'],
    });
    const job = await importSheet(staff, 'activities', data);
    expect(job.status).toBe('failed');
    const res = await staff.get(`/api/imports/${job.id}/marked`);
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(sheet.getCell('A1').value).toBe('2026年活动台账');
    expect(sheet.getCell('H2').value).toBe('错误说明');
    expect(sheet.getCell('C4').value).toBe('标注二');
    expect(sheet.getCell('D4').fill).toMatchObject({ pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } });
    expect(String(sheet.getCell('D4').note)).toContain('不是有效日期');
    expect(sheet.getCell('F4').fill).toMatchObject({ fgColor: { argb: 'FFFFC7CE' } });
    expect(sheet.getCell('C4').fill?.type === 'pattern' && 'fgColor' in sheet.getCell('C4').fill ? 'marked' : 'plain').toBe('plain');
    expect(String(sheet.getCell('H4').value)).toContain('活动日期：');
    expect(sheet.getCell('H3').value).toBeNull();
  });

  it('maps renamed headers by synonyms and takes a mapping adjusted by hand', async () => {
    const data = await workbook([
      ['序号', '开展单位', '活动主题', '类别', '开展时间', '参与人次', '其他'],
      [1, '东关村妇联', '改名宣讲', '巾帼大宣讲', '2026-01-05', 18, '村委会'],
    ]);
    const up = (await upload(staff, 'activities', data)).json() as ImportJob;
    expect(up.headers).toEqual(['序号', '开展单位', '活动主题', '类别', '开展时间', '参与人次', '其他']);
    expect(up.mapping).toEqual({ org: 1, kind: 3, title: 2, date: 4, place: null, participants: 5, notes: null });
    const bad = await staff.post(`/api/imports/${up.id}/start`, { mapping: { ...up.mapping, title: null } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields[0]).toEqual({ path: 'body.mapping.title', message: '请为“活动名称”选择一列' });
    expect((await staff.post(`/api/imports/${up.id}/start`, { mapping: { ...up.mapping, place: 2 } })).statusCode).toBe(400);
    const start = await staff.post(`/api/imports/${up.id}/start`, { mapping: { ...up.mapping, place: 6 } });
    expect(start.statusCode).toBe(200);
    const job = await waitFor(staff, up.id);
    expect(job.status).toBe('succeeded');
    const { rows } = await sql<{ place: string }>`select place from activities where title = '改名宣讲'`.execute(t.db);
    expect(rows).toEqual([{ place: '村委会' }]);
    expect((await staff.post(`/api/imports/${up.id}/start`, { mapping: up.mapping })).statusCode).toBe(409);
  });

  it('refuses rows that repeat an activity already recorded', async () => {
    const data = await workbook([activityHeader, ['东关村妇联', '巾帼大宣讲', '导入宣讲一', '2026-03-01', null, 30, null]]);
    const job = await importSheet(admin, 'activities', data);
    expect(job.status).toBe('failed');
    expect(job.errors).toEqual([{ row: 2, column: '活动名称', message: '系统中已有相同的活动（同一组织、日期、类型和名称）' }]);
  });

  it('asks for the level above when a name is shared', async () => {
    await sql`insert into orgs (id, parent_id, path, depth, kind, name, province_code) values
      ('0190c5a8-0000-7000-8000-00000000a001', ${t.tree.townB.id}, ${`${t.tree.townB.path}299.`}, 4, 'federation', '东关村妇联', '14')`.execute(t.db);
    const data = await workbook([activityHeader, ['东关村妇联', '巾帼大宣讲', '重名', '2026-03-01', null, 3, null], ['李阳镇妇联/东关村妇联', '巾帼大宣讲', '重名', '2026-03-01', null, 3, null]]);
    const job = await importSheet(admin, 'activities', data);
    expect(job.errors).toHaveLength(1);
    expect(job.errors[0].message).toMatch(/^有 2 个组织名为“东关村妇联”，请写出上级组织/);
  });
});

describe('importing people', () => {
  const header = ['所属组织', '姓名', '性别', '民族', '学历', '政治面貌', '工作单位及职务', '手机号', '身份证号', '备注'];

  it('imports people with their numbers sealed and masked, never in clear', async () => {
    const data = await workbook([
      header,
      ['东关村妇联', '导入人员甲', '女', '汉族', '大专', '中共党员', '村委委员', '13912345678', '110105198001010024', null],
      ['西关村妇联', '导入人员乙', '男', null, null, null, null, null, null, null],
    ]);
    const job = await importSheet(staff, 'people', data);
    expect(job).toMatchObject({ status: 'succeeded', imported: 2 });
    const list = (await staff.get('/api/persons?q=导入人员')).json().items as { name: string; phone: string | null; idNumber: string | null }[];
    expect(list.find((p) => p.name === '导入人员甲')).toMatchObject({ phone: '139****5678', idNumber: '1101**********0024' });
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from persons p, audit_log a where p.import_id = ${job.id}::uuid and (p::text like '%13912345678%' or a::text like '%13912345678%' or a::text like '%110105198001010024%')`.execute(t.db);
    expect(rows[0].n).toBe(0);
  });

  it('refuses duplicate ID numbers in the file and against the database, and bad numbers, naming the column', async () => {
    const data = await workbook([
      header,
      ['东关村妇联', '重复甲', '女', null, null, null, null, null, '110105198001010024', null],
      ['东关村妇联', '重复乙', '女', null, null, null, null, '1234', '11010519491231002X', null],
      ['东关村妇联', '重复丙', '未知', null, null, null, null, null, '11010519491231002X', null],
      ['东关村妇联', '重复丁', '女', null, null, null, null, null, '110105198001010020', null],
    ]);
    const job = await importSheet(staff, 'people', data);
    expect(job.status).toBe('failed');
    expect(job.errors).toEqual([
      { row: 2, column: '身份证号', message: '该身份证号已登记在“导入人员甲”名下，请勿重复录入' },
      { row: 3, column: '手机号', message: '手机号应为 11 位数字' },
      { row: 4, column: '性别', message: '性别应为“女”或“男”（现为“未知”）' },
      { row: 4, column: '身份证号', message: '身份证号与第 3 行重复' },
      { row: 5, column: '身份证号', message: '身份证号校验位不正确' },
    ]);
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from persons where name like '重复%'`.execute(t.db);
    expect(rows[0].n).toBe(0);
  });
});

describe('importing orgs', () => {
  const header = ['上级组织', '组织名称', '组织类型'];

  it('imports orgs of the non-administrative kinds, a row hanging under an earlier row', async () => {
    const data = await workbook([header, ['义兴镇妇联', '义兴镇电商协会妇联', '新领域妇联'], ['义兴镇妇联/义兴镇电商协会妇联', '电商协会妇女小组', '妇女小组']]);
    const job = await importSheet(admin, 'orgs', data);
    expect(job).toMatchObject({ status: 'succeeded', imported: 2 });
    const { rows } = await sql<{ name: string; kind: string; depth: number; parent: string }>`
      select o.name, o.kind, o.depth, p.name as parent from orgs o join orgs p on p.id = o.parent_id where o.import_id = ${job.id}::uuid order by o.depth`.execute(t.db);
    expect(rows).toEqual([
      { name: '义兴镇电商协会妇联', kind: 'new_sector', depth: 4, parent: '义兴镇妇联' },
      { name: '电商协会妇女小组', kind: 'women_group', depth: 5, parent: '义兴镇电商协会妇联' },
    ]);
  });

  it('refuses administrative kinds, taken names and parents outside the subtree', async () => {
    const data = await workbook([header, ['义兴镇妇联', '新村妇联', '妇联'], ['义兴镇妇联', '义兴镇电商协会妇联', '新领域妇联'], ['李阳镇妇联', '李阳协会', '新领域妇联']]);
    const townAdmin = townB;
    const job = await importSheet(townAdmin, 'orgs', data);
    expect(job.errors.map((e) => `${e.row} ${e.column} ${e.message}`)).toEqual([
      '2 上级组织 找不到组织“义兴镇妇联”，或它不在您的管辖范围内',
      '2 组织类型 行政区划妇联由区划代码生成，不能导入',
      '3 上级组织 找不到组织“义兴镇妇联”，或它不在您的管辖范围内',
    ]);
    const again = await importSheet(admin, 'orgs', await workbook([header, ['义兴镇妇联', '义兴镇电商协会妇联', '新领域妇联']]));
    expect(again.errors).toEqual([{ row: 2, column: '组织名称', message: '上级组织下已有名为“义兴镇电商协会妇联”的组织' }]);
  });
});

describe('access and bad files', () => {
  it('refuses executives, staff importing orgs, and outsiders reading a job', async () => {
    const data = await workbook([activityHeader]);
    expect((await upload(exec, 'activities', data)).statusCode).toBe(403);
    expect((await upload(staff, 'orgs', data)).statusCode).toBe(403);
    const job = (await upload(staff, 'activities', data)).json() as ImportJob;
    expect((await townB.get(`/api/imports/${job.id}`)).statusCode).toBe(404);
    expect((await townB.get(`/api/imports/${job.id}/marked`)).statusCode).toBe(404);
    expect((await admin.post(`/api/imports/${job.id}/start`, { mapping: job.mapping })).statusCode).toBe(403);
    const list = (await admin.get('/api/imports')).json().items as { id: string }[];
    expect(list.map((j) => j.id)).toContain(job.id);
    expect(((await townB.get('/api/imports')).json().items as { id: string }[]).map((j) => j.id)).not.toContain(job.id);
  });

  it('answers a file that is not .xlsx, an empty file and a broken zip with a Chinese 4xx', async () => {
    for (const data of [Buffer.from('姓名,性别\n张三,女\n'), Buffer.alloc(0), Buffer.from('PK\u0003\u0004broken')]) {
      const res = await upload(staff, 'people', data, 'x.xlsx');
      expect([400, 415]).toContain(res.statusCode);
      expect(res.json().message).toMatch(/[\u4e00-\u9fa5]/);
    }
    const huge = await upload(staff, 'people', Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(11 * 1024 * 1024)]));
    expect(huge.statusCode).toBe(413);
  });

  it('keeps an upload for its marked copy a week, then removes it', async () => {
    const failed = await importSheet(staff, 'activities', await workbook([activityHeader, ['东关村妇联', '巾帼大宣讲', '过期', '明天', null, 1, null]]));
    expect((await staff.get(`/api/imports/${failed.id}/marked`)).statusCode).toBe(200);
    const dir = path.join(t.database.dataDir, 'files', 'imports');
    const weekAgo = new Date(clock.getTime() - 8 * 86_400_000);
    for (const name of fs.readdirSync(dir).filter((n) => n.startsWith(failed.id))) fs.utimesSync(path.join(dir, name), weekAgo, weekAgo);
    await upload(staff, 'activities', await workbook([activityHeader]));
    const gone = await staff.get(`/api/imports/${failed.id}/marked`);
    expect(gone.statusCode).toBe(404);
    expect(gone.json().message).toBe('上传的表格已不在服务器上，请重新上传');
  });

  it('shows a job left running by a process that died as interrupted', async () => {
    const job = (await upload(staff, 'activities', await workbook([activityHeader]))).json() as ImportJob;
    await sql`update import_jobs set status = 'running', runner_id = 'a-process-that-died' where id = ${job.id}::uuid`.execute(t.db);
    const seen = (await staff.get(`/api/imports/${job.id}`)).json() as ImportJob;
    expect(seen.status).toBe('interrupted');
    const { rows } = await sql<{ status: string }>`select status from import_jobs where id = ${job.id}::uuid`.execute(t.db);
    expect(rows[0].status).toBe('interrupted');
    expect((await staff.post(`/api/imports/${job.id}/start`, { mapping: job.mapping })).statusCode).toBe(409);
  });
});
