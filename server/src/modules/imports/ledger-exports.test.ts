import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Agent, type TestApp } from '../../test/build-test-app.ts';
import { ensureSystemKinds } from '../activities/activities.test-fixtures.ts';

/** The ledger and statistics exports, read back with exceljs: title, org and period, frozen header, units, masked numbers. */
const clock = new Date('2026-03-09T17:30:00Z');
let t: TestApp;
let admin: Agent;
let staff: Agent;
let townB: Agent;
let personId: string;

async function sheetOf(res: LightMyRequestResponse): Promise<ExcelJS.Worksheet> {
  expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
  expect(res.headers['content-type']).toContain('spreadsheetml');
  expect(String(res.headers['content-disposition'])).toMatch(/filename\*=UTF-8''/);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  return book.worksheets[0];
}

const rowValues = (sheet: ExcelJS.Worksheet, n: number) => (sheet.getRow(n).values as unknown[]).slice(1);

beforeAll(async () => {
  t = await buildTestApp({ now: () => clock });
  await ensureSystemKinds(t.db);
  [admin, staff, townB] = await Promise.all(['county_admin', 'towna_staff', 'townb_admin'].map((u) => t.login(u)));
  const person = await staff.post('/api/persons', { orgId: t.tree.villageA1.id, name: '导出王芳', gender: 'female', phone: '13912345678', idNumber: '110105198001010024' });
  personId = person.json().id;
  await staff.post('/api/positions', { personId, orgId: t.tree.villageA1.id, role: 'chair', startDate: '2025-01-01' });
  for (const [orgId, title, date, participants] of [
    [t.tree.villageA1.id, '导出宣讲一', '2026-02-01', 30],
    [t.tree.villageA2.id, '导出宣讲二', '2026-02-03', 12],
    [t.tree.villageB1.id, '导出宣讲三', '2026-01-03', 7],
  ] as const) {
    const res = await admin.post('/api/activities', { orgId, kindCode: 'outreach_lecture', title, date, participants });
    expect(res.statusCode, res.body).toBe(200);
  }
});
afterAll(() => t.close());

describe('exports', () => {
  it('exports the activity ledger with the list filters, a title row, the org and period, and a frozen header', async () => {
    const sheet = await sheetOf(await staff.get(`/api/activities/export?period=2026Q1&orgId=${t.tree.townA.id}`));
    expect(sheet.getCell('A1').value).toBe('义兴镇妇联活动台账');
    expect(String(sheet.getCell('A2').value)).toContain('期间：2026年第一季度');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(rowValues(sheet, 3)).toEqual(['活动日期', '组织', '活动类型', '活动名称', '地点', '参加人数', '单位', '备注']);
    expect(rowValues(sheet, 4).slice(0, 7)).toEqual(['2026-02-03', '西关村妇联', '巾帼大宣讲', '导出宣讲二', undefined, 12, '人次']);
    expect(sheet.rowCount).toBe(5);
    const other = await sheetOf(await admin.get('/api/activities/export?q=导出宣讲三'));
    expect(other.rowCount).toBe(4);
    expect((await townB.get(`/api/activities/export?orgId=${t.tree.townA.id}`)).statusCode).toBe(404);
  });

  it('exports the people ledger with phone and ID numbers masked', async () => {
    const res = await staff.get('/api/persons/export');
    expect(res.rawPayload.includes(Buffer.from('13912345678'))).toBe(false);
    const sheet = await sheetOf(res);
    expect(sheet.getCell('A1').value).toBe('义兴镇妇联人员名册');
    const header = rowValues(sheet, 3);
    const row = rowValues(sheet, 4);
    expect(row[header.indexOf('姓名')]).toBe('导出王芳');
    expect(row[header.indexOf('手机号（掩码）')]).toBe('139****5678');
    expect(row[header.indexOf('身份证号（掩码）')]).toBe('1101**********0024');
    const cells = JSON.stringify(sheet.getSheetValues());
    expect(cells).not.toContain('13912345678');
    expect(cells).not.toContain('110105198001010024');
  });

  it('exports the positions roster of an org', async () => {
    const sheet = await sheetOf(await staff.get(`/api/orgs/${t.tree.villageA1.id}/roster/export`));
    expect(sheet.getCell('A1').value).toBe('东关村妇联任职名单');
    expect(rowValues(sheet, 4).slice(0, 5)).toEqual(['导出王芳', '主席', undefined, '东关村妇联', '2025-01-01']);
    expect((await townB.get(`/api/orgs/${t.tree.villageA1.id}/roster/export`)).statusCode).toBe(404);
  });

  it('exports the statistics table: each metric by child org, own records and total, units in the headers', async () => {
    const sheet = await sheetOf(await admin.get(`/api/dashboard/export?orgId=${t.tree.county.id}&period=2026`));
    expect(sheet.getCell('A1').value).toBe('和顺县妇联2026年工作统计表');
    const header = rowValues(sheet, 3) as string[];
    const col = header.indexOf('巾帼大宣讲人次（人次）');
    expect(col).toBeGreaterThan(0);
    const byName = new Map(Array.from({ length: sheet.rowCount - 3 }, (_, i) => rowValues(sheet, i + 4)).map((r) => [r[0], r[col]]));
    expect(byName.get('义兴镇妇联')).toBe(42);
    expect(byName.get('李阳镇妇联')).toBe(7);
    expect(byName.get('本级')).toBe(0);
    expect(byName.get('合计')).toBe(49);
  });
});
