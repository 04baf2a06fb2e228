// Issue 5, plan documents: the county reads a .docx plan on the desktop, drops a section and a proposed target,
// changes a value and saves it as a plan; a township's staff member pastes a plan's text on the phone, picks a
// metric for a figure no existing metric fits (staff cannot create metrics) and saves it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { eventually, logIn } from './helpers/app.ts';
import { buttonName, pageScrollWidth } from './helpers/browser.ts';
import { useAppUnderTest } from './helpers/fixture.ts';

const app = useAppUnderTest();
const PHONE_WIDTH = 390;

const COUNTY_PLAN = [
  '和顺县妇联2027年工作要点（导入测试）',
  '为做好全年妇女工作，现将工作要点安排如下。',
  '一、思想引领',
  '（一）巾帼大宣讲。全年开展巾帼大宣讲不少于160场，覆盖群众9000人次。',
  '宣讲要进村入户，贴近群众。',
  '（二）家庭教育。10月底前开展家庭教育讲座120场，去年共开展讲座98场。',
  '二、组织建设',
  '（一）新建妇女微家25个，全县现有妇女之家120个。',
  '（二）召开第三次执委会议，表彰优秀执委30名。',
  '三、保障措施',
  '各乡镇每季度报送进展1次。',
];

const TOWN_PLAN = [
  '义兴镇妇联2027年工作计划（导入测试）',
  '1、宣传引领',
  '(1)全年开展巾帼大宣讲40场，受众2000人次。',
  '2、关爱帮扶',
  '(1)走访慰问困难妇女200人次。',
  '(2)2026年共帮扶困难家庭60户。',
].join('\n');

async function docxFile(lines: string[]): Promise<string> {
  const doc = new Document({ sections: [{ children: lines.map((l) => new Paragraph({ children: [new TextRun(l)] })) }] });
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'plan-import-')), '和顺县妇联2027年工作要点.docx');
  fs.writeFileSync(file, await Packer.toBuffer(doc));
  return file;
}

const proposal = (page: Page, quote: string): Locator => page.getByTestId('import-proposal').filter({ has: page.locator('mark', { hasText: quote }) });
/** a section of the tree by its numbering and title as read ("三、保障措施") */
const node = (page: Page, label: string): Locator => page.getByTestId('import-node').filter({ has: page.getByRole('checkbox', { name: `保留 ${label}`, exact: true }) });

async function counts(page: Page): Promise<[number, number]> {
  return [Number(await page.getByTestId('import-task-count').innerText()), Number(await page.getByTestId('import-target-count').innerText())];
}

/** the plan page's task titles, in order */
async function planTasks(page: Page): Promise<string[]> {
  await page.locator('.ant-card-head-title').first().waitFor();
  return (await page.locator('.ant-card-head-title .ant-typography').allInnerTexts()).map((s) => s.trim());
}

describe('reading a plan document into a plan', () => {
  test('desktop: the county uploads a .docx, reviews the tree and targets and saves a plan', async () => {
    const { page, shot } = await app.open('desktop', 'plan-import');
    await logIn(page, app.login('admin'), '/plans');
    await page.getByRole('button', { name: '从文档导入' }).click();
    await page.waitForURL(/\/plans\/import$/);
    await page.getByRole('heading', { name: '从文档导入计划' }).waitFor();
    await shot('01-source');

    await page.locator('input[type=file]').setInputFiles(await docxFile(COUNTY_PLAN));
    await page.getByText(/^已读取“和顺县妇联2027年工作要点\.docx”：7 项任务，5 个拟定目标$/).waitFor();
    // the figures of the past, of what exists, ordinals and per-unit rules were left out, and say why
    await page.getByText('未作为目标的数字（4）').click();
    for (const reason of ['过去的数字', '已有的数量', '序数或排名', '每单位或频次要求']) await page.getByText(reason, { exact: true }).first().waitFor();
    expect(await counts(page)).toEqual([7, 5]);
    // each figure comes with the metric it fits (or a new one) and the sentence it came from
    await eventually(() => proposal(page, '不少于160场').locator('.ant-select-selection-item').innerText()).toBe('巾帼大宣讲场次（场）');
    await eventually(() => proposal(page, '9000人次').locator('.ant-select-selection-item').innerText()).toBe('巾帼大宣讲人次（人次）');
    expect(await proposal(page, '30名').getByRole('textbox', { name: '新指标名称' }).inputValue()).toBe('表彰优秀执委人数');
    await shot('02-review');

    // drop the safeguards section (no figures), drop one target, change another's value
    await node(page, '三、保障措施').getByRole('checkbox').uncheck();
    await proposal(page, '9000人次').getByRole('checkbox', { name: /采用目标/ }).uncheck();
    await proposal(page, '120场').getByText('期限 10月31日').waitFor();
    await proposal(page, '120场').getByRole('spinbutton', { name: '目标值' }).fill('130');
    await node(page, '（一）巾帼大宣讲').getByRole('textbox', { name: '任务名称' }).fill('做响巾帼大宣讲');
    await eventually(() => counts(page)).toEqual([6, 4]);
    await shot('03-edited');

    await page.getByRole('button', { name: buttonName('保存为计划') }).click();
    await page.waitForURL(/\/plans\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: /和顺县妇联2027年工作要点（导入测试）/ }).waitFor();
    expect(await planTasks(page)).toEqual(['一、思想引领', '（一）做响巾帼大宣讲', '（二）家庭教育', '二、组织建设', '（一）新建妇女微家25个，全县现有妇女之家120个', '（二）召开第三次执委会议，表彰优秀执委30名']);
    const rows = page.getByTestId('target-row');
    await eventually(() => rows.count()).toBe(4);
    const text = (await rows.allInnerTexts()).join('\n');
    for (const figure of ['巾帼大宣讲场次 160 场', '家庭教育讲座场次 130 场', '新建妇女微家 25 个', '表彰优秀执委人数 30 人']) expect(text).toContain(figure);
    // the deadline the document names ("10月底前") is the target's; the others end with the year
    expect(await rows.filter({ hasText: '家庭教育讲座场次' }).innerText()).toContain('期限 2027-10-31');
    expect(await rows.filter({ hasText: '巾帼大宣讲场次' }).innerText()).toContain('期限 2027-12-31');
    await shot('04-saved-plan');
  });

  test('phone: township staff paste a plan, choose a metric where none fits, and save it', async () => {
    const { page, shot } = await app.open('phone', 'plan-import');
    await logIn(page, app.login('yixing'), '/plans');
    await page.getByRole('button', { name: '从文档导入' }).waitFor();
    expect(await pageScrollWidth(page)).toBeLessThanOrEqual(PHONE_WIDTH);
    await shot('00-plan-list');
    await page.getByRole('button', { name: '从文档导入' }).click();
    await page.waitForURL(/\/plans\/import$/);
    await page.getByText('粘贴正文', { exact: true }).click();
    await page.getByRole('textbox', { name: '计划正文' }).fill(TOWN_PLAN);
    expect(await pageScrollWidth(page)).toBeLessThanOrEqual(PHONE_WIDTH);
    await shot('01-paste');
    await page.getByRole('button', { name: buttonName('读取正文') }).click();
    await page.getByText(/：5 项任务，3 个拟定目标$/).waitFor();
    // staff may not create metrics: the figure no metric fits waits for a choice and is not adopted yet
    const visits = proposal(page, '200人次');
    expect(await visits.getByRole('checkbox', { name: /采用目标/ }).isChecked()).toBe(false);
    expect(await counts(page)).toEqual([5, 2]);
    expect(await pageScrollWidth(page)).toBeLessThanOrEqual(PHONE_WIDTH);
    await shot('02-review');

    await visits.getByRole('checkbox', { name: /采用目标/ }).check();
    await visits.getByText('新建指标须由管理员操作，请选择已有指标').waitFor();
    await visits.locator('.ant-select-selector').click();
    await page.keyboard.type('志愿服务人次');
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: /^志愿服务人次（人次）$/ }).click();
    await eventually(() => counts(page)).toEqual([5, 3]);
    expect(await pageScrollWidth(page)).toBeLessThanOrEqual(PHONE_WIDTH);
    await shot('03-metric-chosen');

    await page.getByRole('button', { name: buttonName('保存为计划') }).scrollIntoViewIfNeeded();
    await shot('04-save');
    await page.getByRole('button', { name: buttonName('保存为计划') }).click();
    await page.waitForURL(/\/plans\/[0-9a-f-]{36}$/);
    await page.getByText('义兴镇妇联2027年工作计划（导入测试）').first().waitFor();
    await eventually(() => page.getByTestId('target-row').count()).toBe(3);
    expect(await pageScrollWidth(page)).toBeLessThanOrEqual(PHONE_WIDTH);
    await shot('05-saved-plan');
  });
});
