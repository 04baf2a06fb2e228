// Issue 5's Excel flow in the browser: a county admin downloads the template, uploads a ledger whose headers
// differ, adjusts the mapping, sees every bad row listed (and gets the marked copy), fixes the file and imports it;
// the activities then show in the list and export; a township's staff imports a people roster on a 390×844 phone.
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, test } from 'vitest';
import { eventually, logIn } from './helpers/app.ts';
import { buttonName, pageScrollWidth } from './helpers/browser.ts';
import { useAppUnderTest } from './helpers/fixture.ts';

const app = useAppUnderTest();
const PHONE_WIDTH = 390;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'jinguo-e2e-import-'));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

async function writeSheet(name: string, rows: (string | number | null)[][]): Promise<string> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('台账');
  for (const r of rows) sheet.addRow(r);
  const file = path.join(fs.mkdtempSync(path.join(scratch, 'f-')), name);
  await book.xlsx.writeFile(file);
  return file;
}

async function upload(page: Page, file: string): Promise<void> {
  await page.locator('input[type=file]').setInputFiles(file);
  await page.getByText('2. 核对列的对应关系').waitFor();
}

/** the select of a field in the mapping form: pick the column whose label starts with `column` ("E 列") */
async function mapField(page: Page, field: string, column: string): Promise<void> {
  await page.getByRole('combobox', { name: `${field}对应的列` }).click();
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: column }).click();
}

const ledgerHeader = ['开展单位', '活动主题', '类别', '开展时间', '参与人次', '活动场所'];

describe('importing an activity ledger (desktop)', () => {
  test('template, mapping of renamed headers, every bad row listed with a marked copy, then the fixed file imported and exported', async () => {
    const { page, shot } = await app.open('desktop', 'imports');
    await logIn(page, app.login('admin'), '/imports');
    await page.getByRole('heading', { name: '数据导入' }).waitFor();
    const template = page.getByRole('link', { name: /下载活动台账模板/ });
    const templateRes = await page.request.get((await template.getAttribute('href'))!);
    expect(templateRes.status()).toBe(200);
    expect(templateRes.headers()['content-type']).toBe(XLSX);
    await shot('01-choose');

    const bad = await writeSheet('有错误的台账.xlsx', [
      ledgerHeader,
      ['东关村妇联', '自动测试宣讲一', '巾帼大宣讲', '2025-06-01', 35, '村委会'],
      ['没有这个村妇联', '自动测试宣讲二', '巾帼大宣讲', '2025-06-02', 20, null],
      ['北关村妇联', '自动测试学习', '集中学习', '2025-13-01', '很多', null],
      ['新庄村妇联', '自动测试培训', '培训', '2025-06-04', 12, null],
    ]);
    await upload(page, bad);
    // the server proposed the columns by their names; 地点 ("活动场所") is not among its names: chosen by hand
    await page.getByText('A 列：开展单位').first().waitFor();
    await mapField(page, '地点', 'F 列');
    await shot('02-mapping');
    await page.getByRole('button', { name: buttonName('开始导入') }).click();
    await page.getByText('未导入任何数据：发现 4 处错误').waitFor();
    const errors = page.getByRole('region', { name: '错误清单' });
    await eventually(() => errors.locator('tbody tr.ant-table-row').count()).toBe(4);
    const texts = (await errors.locator('tbody tr.ant-table-row').allInnerTexts()).join('\n');
    expect(texts).toContain('第 3 行');
    expect(texts).toContain('找不到组织“没有这个村妇联”');
    expect(texts).toContain('活动日期不是有效日期');
    expect(texts).toContain('参加人数应为数字');
    // two villages of the county share the name: the level above is asked for
    expect(texts).toMatch(/有 2 个组织名为“新庄村妇联”，请写出上级组织/);
    await shot('03-errors');
    const marked = await page.request.get((await page.getByRole('link', { name: /下载标注错误的表格/ }).getAttribute('href'))!);
    expect(marked.status()).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await marked.body()) as unknown as ArrayBuffer);
    expect(String(book.worksheets[0].getCell('G3').value)).toContain('找不到组织');

    await page.getByRole('button', { name: buttonName('导入另一个文件') }).click();
    const good = await writeSheet('台账.xlsx', [
      ledgerHeader,
      ['东关村妇联', '自动测试宣讲一', '巾帼大宣讲', '2025-06-01', 35, '村委会'],
      ['义兴镇妇联/新庄村妇联', '自动测试宣讲二', '巾帼大宣讲', '2025-06-02', 20, null],
      ['北关村妇联', '自动测试学习', '集中学习', '2025-06-03', 18, null],
    ]);
    await upload(page, good);
    await page.getByRole('button', { name: buttonName('开始导入') }).click();
    await page.getByText('已导入 3 条活动台账记录').waitFor();
    await shot('04-imported');

    await page.goto('/activities?q=自动测试');
    await eventually(() => page.getByText('自动测试宣讲二').count()).toBeGreaterThan(0);
    const exportLink = page.getByRole('link', { name: /导出台账/ });
    const exported = await page.request.get((await exportLink.getAttribute('href'))!);
    expect(exported.status()).toBe(200);
    const ledger = new ExcelJS.Workbook();
    await ledger.xlsx.load((await exported.body()) as unknown as ArrayBuffer);
    expect(ledger.worksheets[0].rowCount).toBe(6);
    expect(ledger.worksheets[0].getCell('A1').value).toBe('和顺县妇联活动台账');
    await shot('05-activities-export');
  });
});

describe('a large ledger (desktop)', () => {
  test('shows the phases and the rows done while 60,000 rows import', async () => {
    const { page, shot } = await app.open('desktop', 'imports-large');
    await logIn(page, app.login('admin'), '/imports');
    const villages = ['东关村妇联', '北关村妇联', '南关村妇联', '义兴镇妇联/新庄村妇联'];
    const rows = Array.from({ length: 60_000 }, (_, i) => [villages[i % 4], '巾帼大宣讲', `自动测试大批量${i}`, `2024-${String(1 + (i % 12)).padStart(2, '0')}-10`, 10 + (i % 30)]);
    await upload(page, await writeSheet('大台账.xlsx', [['组织', '活动类型', '活动名称', '活动日期', '参加人数'], ...rows]));
    await page.getByRole('button', { name: buttonName('开始导入') }).click();
    // the rows checked so far (the file streams: its length comes last), then the rows written out of all of them
    await page.getByRole('status').getByText(/(校验中：已检查|写入中：) ?[1-9]/).waitFor();
    await shot('01-progress');
    await page.getByText('已导入 60,000 条活动台账记录').waitFor({ timeout: 120_000 });
    await shot('02-done');
  });
});

describe('importing a people roster (phone)', () => {
  test('a township staff member imports people on a 390×844 phone; nothing overflows sideways', async () => {
    const { page, shot } = await app.open('phone', 'imports');
    await logIn(page, app.login('yixing'), '/imports');
    await page.getByRole('heading', { name: '数据导入' }).waitFor();
    await page.getByText('人员名册', { exact: true }).click();
    await shot('01-choose');
    expect(await pageScrollWidth(page)).toBeLessThanOrEqual(PHONE_WIDTH);
    const roster = await writeSheet('人员.xlsx', [
      ['所属组织', '姓名', '性别', '手机号', '身份证号'],
      ['东关村妇联', '自动测试李芳', '女', '13912340001', null],
      ['北关村妇联', '自动测试张敏', '女', null, '11010519491231002X'],
      ['南李阳村妇联', '自动测试王丽', '女', null, null],
    ]);
    await upload(page, roster);
    await shot('02-mapping');
    expect(await pageScrollWidth(page)).toBeLessThanOrEqual(PHONE_WIDTH);
    await page.getByRole('button', { name: buttonName('开始导入') }).click();
    // 南李阳村 belongs to another township: outside the staff member's subtree
    await page.getByText('未导入任何数据：发现 1 处错误').waitFor();
    await page.getByText('找不到组织“南李阳村妇联”，或它不在您的管辖范围内').waitFor();
    await shot('03-errors');
    expect(await pageScrollWidth(page)).toBeLessThanOrEqual(PHONE_WIDTH);

    await page.getByRole('button', { name: buttonName('导入另一个文件') }).click();
    await upload(page, await writeSheet('人员.xlsx', [['所属组织', '姓名', '性别', '手机号'], ['东关村妇联', '自动测试李芳', '女', '13912340001'], ['北关村妇联', '自动测试张敏', '女', null]]));
    await page.getByRole('button', { name: buttonName('开始导入') }).click();
    await page.getByText('已导入 2 条人员名册记录').waitFor();
    await shot('04-imported');
    expect(await pageScrollWidth(page)).toBeLessThanOrEqual(PHONE_WIDTH);
    await page.goto('/people?q=自动测试');
    await page.getByText('139****0001').waitFor();
  });
});
