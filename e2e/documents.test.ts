// Issue 5's Word reports: the county makes its duty report from the records, follows a figure to its records,
// writes the narrative, sees a figure go stale when a record is added and refreshes it, downloads the .docx and
// copies a default template; a township's staff member makes its quarterly report on the phone. The tests run in
// order on one server.
import fs from 'node:fs';
import path from 'node:path';
import { todayInShanghai } from '@jinguo/common/periods.ts';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { eventually, logIn, parseFigure } from './helpers/app.ts';
import { buttonName, pageScrollWidth } from './helpers/browser.ts';
import { useAppUnderTest } from './helpers/fixture.ts';
import { ROOT } from './helpers/server.ts';

const app = useAppUnderTest();
const PHONE_WIDTH = 390;
const year = todayInShanghai().slice(0, 4);
const PROBLEMS = '部分村妇联活动阵地不足，执委履职能力参差不齐（自动测试）。';

/** the inline figure of a metric in the draft: a link to its records */
const figureChip = (page: Page, metricCode: string) => page.locator(`a.jg-figure[href*="metricCode=${metricCode}&"]`).first();
const sectionCard = (page: Page, title: string) => page.locator('.jg-doc-section').filter({ has: page.locator('.jg-doc-heading', { hasText: title }) });

/** records an outreach lecture through the API, as another user at the same time would */
async function recordLecture(page: Page, title: string): Promise<void> {
  const status = await page.evaluate(async ({ title, date }) => {
    const me = await (await fetch('/api/auth/me')).json();
    const res = await fetch('/api/activities', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
      body: JSON.stringify({ orgId: me.org.id, kindCode: 'outreach_lecture', title, date, participants: 40 }),
    });
    return res.status;
  }, { title, date: todayInShanghai() });
  expect(status).toBe(200);
}

describe('Word reports from the records', () => {
  test('desktop: the county generates its duty report, edits it, refreshes a stale figure and downloads the .docx', async () => {
    const { page, shot } = await app.open('desktop', 'documents');
    await logIn(page, app.login('admin'), '/documents');
    await page.getByRole('heading', { name: '文书报告' }).waitFor();
    await page.locator('.ant-select-selection-item', { hasText: '述职报告（系统默认）' }).waitFor();
    await shot('01-list');
    await page.getByRole('button', { name: buttonName('生成草稿') }).click();
    await page.waitForURL(/\/documents\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: `和顺县妇联${year}年度述职报告` }).waitFor();
    const chip = figureChip(page, 'outreach_sessions');
    const before = parseFigure(await chip.innerText());
    expect(before).toBeGreaterThan(0);
    expect(await chip.getAttribute('href')).toMatch(new RegExp(`^/activities\\?metricCode=outreach_sessions&period=${year}&orgId=[0-9a-f-]{36}$`));
    await page.getByText('一、主要措施与成效').waitFor();
    await page.getByText('（一）加强思想政治引领').waitFor();
    await shot('02-draft');

    // people write the narrative
    const problems = sectionCard(page, '存在问题及原因');
    await problems.getByRole('button', { name: '编辑 存在问题及原因' }).click();
    await problems.getByLabel('正文').fill(PROBLEMS);
    await problems.getByRole('button', { name: buttonName('保存') }).click();
    await problems.locator('.jg-doc-body').getByText(PROBLEMS).waitFor();

    // a lecture recorded afterwards makes the figure stale; 更新数字 takes the new count
    await recordLecture(page, '巾帼大宣讲进社区（文书自动测试）');
    await page.reload();
    await page.getByText(/个数字所依据的记录在生成后有变化/).waitFor();
    await expect.poll(() => chip.innerText()).toContain('过期');
    await shot('03-stale');
    await page.getByRole('button', { name: buttonName('更新全部过期数字') }).click();
    await page.getByText(/个数字所依据的记录在生成后有变化/).waitFor({ state: 'hidden' });
    await eventually(async () => parseFigure((await chip.innerText()).replace('过期', ''))).toBe(before + 1);
    expect(await chip.innerText()).not.toContain('过期');
    await shot('04-refreshed');

    // download the .docx
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /下载 Word/ }).click()]);
    const saved = path.join(ROOT, 'test-results', 'documents-e2e.docx');
    await download.saveAs(saved);
    expect(download.suggestedFilename()).toBe(`和顺县妇联${year}年度述职报告.docx`);
    expect(fs.readFileSync(saved).subarray(0, 2).toString()).toBe('PK');
    const [table] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /数据来源表/ }).click()]);
    expect(table.suggestedFilename()).toBe(`和顺县妇联${year}年度述职报告——数据来源.xlsx`);

    // the figure leads to the records it counts
    await chip.click();
    await page.waitForURL(/\/activities\?metricCode=outreach_sessions/);
    await page.getByText('巾帼大宣讲进社区（文书自动测试）').first().waitFor();
    await shot('05-records');
  });

  test('desktop: staff copy a default template for their org and change it', async () => {
    const { page, shot } = await app.open('desktop', 'documents');
    await logIn(page, app.login('yixing'), '/doc-templates');
    await page.getByRole('heading', { name: '文书模板' }).waitFor();
    await page.getByText('系统默认模板不能修改。').waitFor();
    await page.getByRole('button', { name: '复制为本单位模板' }).click();
    await page.getByLabel('模板名称').waitFor();
    await page.getByLabel('模板名称').fill('义兴镇述职报告');
    await page.getByRole('button', { name: '添加一部分' }).click();
    const last = page.locator('.ant-card .ant-card').last();
    await last.getByLabel('标题（序号自动生成）').fill('家庭教育工作');
    await last.getByLabel('正文').fill('开展家庭教育讲座{{指标:family_education_lectures}}。');
    await page.getByRole('button', { name: buttonName('保存模板') }).click();
    await page.getByText('模板已保存').waitFor();
    await page.getByText('占位符写法（生成时按记录填入数字，每个数字都链接到它的记录）').click();
    await page.getByText('{{指标:指标编码}}').waitFor();
    await shot('06-template');
  });

  test('phone: a township makes its quarterly progress report and edits it without sideways scrolling', async () => {
    const { page, shot } = await app.open('phone', 'documents');
    await logIn(page, app.login('yixing'), '/documents');
    await page.getByText('生成文书').waitFor();
    const templateField = page.locator('.ant-form-item').filter({ has: page.getByLabel('模板') });
    await templateField.locator('.ant-select-selector').click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: /^季度工作进展报告（系统默认）$/ }).click();
    await eventually(() => page.locator('.ant-form-item').filter({ has: page.getByLabel('期间') }).innerText()).toMatch(/季度/);
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').waitFor({ state: 'hidden' });
    expect(await pageScrollWidth(page)).toBeLessThanOrEqual(PHONE_WIDTH);
    await shot('07-generate');
    await page.getByRole('button', { name: buttonName('生成草稿') }).click();
    await page.waitForURL(/\/documents\/[0-9a-f-]{36}$/);
    await page.getByText('一、目标任务与进展').waitFor();
    await page.getByText(/^三、报送情况$/).waitFor();
    await figureChip(page, 'activities_total').waitFor();
    expect(await pageScrollWidth(page)).toBeLessThanOrEqual(PHONE_WIDTH);
    await shot('08-draft');
    const next = sectionCard(page, '存在问题和下一步打算');
    await next.getByRole('button', { name: '编辑 存在问题和下一步打算' }).click();
    await next.getByLabel('正文').fill('下季度加快推进滞后事项（自动测试）。');
    expect(await pageScrollWidth(page)).toBeLessThanOrEqual(PHONE_WIDTH);
    await shot('09-editing');
    await next.getByRole('button', { name: buttonName('保存') }).click();
    await next.getByLabel('正文').waitFor({ state: 'hidden' });
    await next.locator('.jg-doc-body').getByText('下季度加快推进滞后事项（自动测试）。').waitFor();
    await page.getByText(/^数字与来源/).scrollIntoViewIfNeeded();
    await shot('10-figures');
  });

  test('phone: an executive reads the list but makes nothing', async () => {
    const { page, shot } = await app.open('phone', 'documents');
    await logIn(page, app.login('dongguan'), '/documents');
    await page.getByRole('heading', { name: '文书报告' }).waitFor();
    await page.getByText('还没有文书').waitFor();
    expect(await page.getByText('生成文书').count()).toBe(0);
    await shot('11-executive');
  });
});
