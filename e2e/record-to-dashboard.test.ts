// Issue 3's bar: record an activity on the phone, see the dashboard figure change, drill down to the record.
import { todayInShanghai } from '@jinguo/common/periods.ts';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { breadcrumbTrail, chooseOption, eventually, logIn, metricCard, parseFigure, readMetricCard } from './helpers/app.ts';
import { buttonName, pageScrollWidth } from './helpers/browser.ts';
import { useAppUnderTest } from './helpers/fixture.ts';

const app = useAppUnderTest();
const PHONE_WIDTH = 390;
const METRIC = '巾帼大宣讲人次';
const SESSIONS_METRIC = '巾帼大宣讲场次';
const KIND = '巾帼大宣讲';
const TITLE = '巾帼大宣讲·好家风进东关村（自动测试）';
const PARTICIPANTS = 37;

/** the value cell of a breakdown table row ("义兴镇妇联 | 1,119 人次 | 下钻 查看记录") */
async function rowFigure(page: Page, orgName: string): Promise<number> {
  const row = page.getByRole('row').filter({ has: page.getByRole('cell', { name: orgName, exact: true }) });
  return parseFigure(await row.getByRole('cell').nth(1).innerText());
}

/** every data row of the breakdown table: the rows of one level add up to the figure of the level */
async function breakdownSum(page: Page): Promise<number> {
  const cells = page.locator('.ant-table-tbody tr.ant-table-row td:nth-child(2)');
  return (await cells.allInnerTexts()).reduce((sum, t) => sum + parseFigure(t), 0);
}

/** "指标「巾帼大宣讲人次」2026年 东关村妇联（本级） 的记录：共 7 条": the records of the village's own row */
function villageRecordsBanner(year: string): RegExp {
  return new RegExp(`指标「${METRIC}」${year}年 东关村妇联(（本级）)? 的记录`);
}

/** the executive of 东关村 records the activity through 记一笔 on her phone */
async function recordOnPhone(page: Page, shot: (step: string) => Promise<void>): Promise<void> {
  await page.getByRole('navigation', { name: '主菜单' }).getByRole('button', { name: '记一笔' }).click();
  await page.getByRole('button', { name: buttonName('保存') }).waitFor();
  expect(await page.getByLabel('日期').inputValue()).toBe(todayInShanghai());
  await chooseOption(page, '活动类型', KIND);
  // choosing the kind proposes its name as the title
  expect(await page.getByLabel('活动名称').inputValue()).toBe(KIND);
  await page.getByLabel('活动名称').fill(TITLE);
  await page.getByLabel('参加人数').fill(String(PARTICIPANTS));
  await page.getByLabel('地点').fill('东关村村委会');
  expect(await pageScrollWidth(page)).toBeLessThanOrEqual(PHONE_WIDTH);
  await shot('02-quick-entry-filled');
  await page.getByRole('button', { name: buttonName('保存') }).click();
  await page.getByText('已记录', { exact: true }).waitFor();
  await eventually(() => page.locator('main').last().innerText()).toContain(`${TITLE} · ${todayInShanghai()} · ${PARTICIPANTS} 人次`);
  await shot('03-saved');
}

describe('from the phone to the dashboard', () => {
  test('a lecture recorded on the phone raises the county figure by its participants and is found behind it', async () => {
    const year = todayInShanghai().slice(0, 4);
    const desk = await app.open('desktop', 'record');
    await logIn(desk.page, app.login('admin'));
    const before = await readMetricCard(desk.page, METRIC);
    expect(before).toBeGreaterThan(0);
    await desk.shot('01-dashboard-before');

    const phone = await app.open('phone', 'record');
    await logIn(phone.page, app.login('dongguan'));
    await recordOnPhone(phone.page, phone.shot);

    await desk.page.reload();
    await eventually(() => readMetricCard(desk.page, METRIC)).toBe(before + PARTICIPANTS);
    await desk.shot('04-dashboard-after');

    // the card's own records link: the records behind the county's figure, as many as its sessions
    const sessions = await readMetricCard(desk.page, SESSIONS_METRIC);
    await metricCard(desk.page, METRIC).getByRole('link', { name: '查看记录' }).click();
    const banner = desk.page.getByRole('alert').filter({ hasText: `指标「${METRIC}」` });
    await eventually(() => banner.innerText()).toContain(`${year}年 和顺县妇联 的记录：共 ${sessions.toLocaleString('zh-CN')} 条`);
    await desk.shot('05-county-records');
    await desk.page.goBack();

    // drill down: county → 义兴镇 → 东关村, the figure of each level adding up from the rows below it
    await metricCard(desk.page, METRIC).getByRole('button').first().click();
    await desk.page.getByText(`${METRIC} · ${year}年`).waitFor();
    await eventually(() => breakdownSum(desk.page)).toBe(before + PARTICIPANTS);
    const township = await rowFigure(desk.page, '义兴镇妇联');
    await desk.page.getByRole('row').filter({ hasText: '义兴镇妇联' }).getByRole('button', { name: buttonName('下钻') }).click();
    await eventually(() => breadcrumbTrail(desk.page)).toEqual(['和顺县妇联', '义兴镇妇联']);
    await eventually(() => breakdownSum(desk.page)).toBe(township);
    await desk.shot('06-township');

    const village = await rowFigure(desk.page, '东关村妇联');
    expect(village).toBeGreaterThanOrEqual(PARTICIPANTS);
    await desk.page.getByRole('row').filter({ hasText: '东关村妇联' }).getByRole('button', { name: buttonName('下钻') }).click();
    await eventually(() => breadcrumbTrail(desk.page)).toEqual(['和顺县妇联', '义兴镇妇联', '东关村妇联']);
    await eventually(() => breakdownSum(desk.page)).toBe(village);
    expect(await rowFigure(desk.page, '本级')).toBeGreaterThanOrEqual(PARTICIPANTS);
    await desk.shot('07-village');

    await desk.page.getByRole('row').filter({ hasText: '本级' }).getByRole('button', { name: '查看记录' }).click();
    await eventually(() => desk.page.getByRole('alert').innerText()).toMatch(villageRecordsBanner(year));
    const record = desk.page.getByRole('row').filter({ has: desk.page.getByRole('link', { name: TITLE }) });
    await record.waitFor();
    expect(await record.innerText()).toContain(`${PARTICIPANTS} 人次`);
    await desk.shot('08-village-records');

    await record.getByRole('link', { name: TITLE }).click();
    await desk.page.getByRole('heading', { name: TITLE }).waitFor();
    const details = desk.page.locator('.ant-descriptions');
    await eventually(() => details.innerText()).toMatch(new RegExp(`活动类型\\s*${KIND}`));
    const text = await details.innerText();
    expect(text).toMatch(new RegExp(`日期\\s*${todayInShanghai()}`));
    expect(text).toMatch(/组织\s*东关村妇联/);
    expect(text).toMatch(new RegExp(`参加人数\\s*${PARTICIPANTS} 人次`));
    await desk.shot('09-record');
  });

  // runs after the test above, on the same server: looks for the record made there
  test('phone: the township staff drills from her figure down to the record and opens it', async () => {
    const year = todayInShanghai().slice(0, 4);
    const { page, shot } = await app.open('phone', 'drill');
    await logIn(page, app.login('yixing'));
    await metricCard(page, METRIC).getByRole('button').first().click();
    await page.getByText(`${METRIC} · ${year}年`).waitFor();
    expect(await pageScrollWidth(page)).toBeLessThanOrEqual(PHONE_WIDTH);
    await shot('01-dashboard');

    // below the chart, one row per village: tapping a village with groups under it goes down a level
    const village = page.locator('.ant-list-item').filter({ has: page.getByText('东关村妇联', { exact: true }) });
    await village.scrollIntoViewIfNeeded();
    await shot('02-breakdown-list');
    await village.click();
    await eventually(() => breadcrumbTrail(page)).toEqual(['义兴镇妇联', '东关村妇联']);
    await page.getByText(`${METRIC} · ${year}年`).scrollIntoViewIfNeeded();
    await shot('03-village');
    await page.locator('.ant-list-item').filter({ hasText: '本级' }).click();
    await eventually(() => page.getByRole('alert').innerText()).toMatch(villageRecordsBanner(year));
    const card = page.getByRole('listitem').filter({ hasText: TITLE });
    await card.waitFor();
    expect(await pageScrollWidth(page)).toBeLessThanOrEqual(PHONE_WIDTH);
    await shot('04-records');
    await card.click();
    await page.getByRole('heading', { name: TITLE }).waitFor();
    await eventually(() => page.locator('.ant-descriptions').innerText()).toMatch(new RegExp(`参加人数\\s*${PARTICIPANTS} 人次`));
    expect(await pageScrollWidth(page)).toBeLessThanOrEqual(PHONE_WIDTH);
    await shot('05-record');
  });
});
