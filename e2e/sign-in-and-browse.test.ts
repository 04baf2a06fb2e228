// Issue 3: log in, see the dashboard, browse the org tree — on the desktop and on a 390×844 phone.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { breadcrumbTrail, eventually, logIn, metricCards, parseFigure, submitLogin } from './helpers/app.ts';
import { buttonName, pageScrollWidth } from './helpers/browser.ts';
import { useAppUnderTest } from './helpers/fixture.ts';
import { ADMIN_PASSWORD } from './helpers/server.ts';

const app = useAppUnderTest();
const PHONE_WIDTH = 390;

async function expectBreadcrumbs(page: Page, names: string[]): Promise<void> {
  await eventually(() => breadcrumbTrail(page)).toEqual(names);
}

describe('signing in', () => {
  test('admin: a wrong password is refused in Chinese; the right one opens the dashboard with the demo figures', async () => {
    const { page, shot } = await app.open('desktop', 'sign-in');
    await page.goto('/');
    await page.waitForURL(/\/login/);
    await page.getByRole('button', { name: buttonName('登录') }).waitFor();
    await shot('01-login');

    await submitLogin(page, 'admin', 'Wrong-Password#1');
    await eventually(() => page.getByRole('alert').innerText()).toContain('用户名或密码错误');
    expect(new URL(page.url()).pathname).toBe('/login');
    await shot('02-wrong-password');

    await submitLogin(page, 'admin', ADMIN_PASSWORD);
    await page.getByRole('heading', { name: '数据看板' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    const cards = await metricCards(page);
    expect(cards.length).toBeGreaterThanOrEqual(5);
    const byName = new Map(cards.map((c) => [c.name, c.value]));
    expect(byName.get('各类活动场次')).toBeGreaterThan(0);
    expect(byName.get('巾帼大宣讲人次')).toBeGreaterThan(0);
    // a year of demo activities: nearly every figure has something behind it
    expect(cards.filter((c) => c.value > 0).length).toBeGreaterThanOrEqual(cards.length - 2);

    // ECharts draws the breakdown and the trend on canvases
    for (const chart of [/按下级组织的柱状图$/, /逐月趋势/]) {
      const canvas = page.getByRole('img', { name: chart }).locator('canvas');
      await canvas.waitFor();
      const box = await canvas.boundingBox();
      expect(box?.width).toBeGreaterThan(200);
      expect(box?.height).toBeGreaterThan(100);
    }
    // under the chart, a table with a figure per township
    const yixingRow = page.getByRole('row').filter({ hasText: '义兴镇妇联' });
    expect(parseFigure(await yixingRow.getByRole('cell').nth(1).innerText())).toBeGreaterThan(0);
    await shot('03-dashboard');
  });
});

describe('the org tree', () => {
  test('desktop: open the county and a township, its villages load; search by a Chinese name; breadcrumbs', async () => {
    const { page, shot } = await app.open('desktop', 'tree');
    await logIn(page, app.login('admin'), '/orgs');
    const tree = page.getByRole('tree');
    const node = (name: string) => tree.getByRole('treeitem', { name: new RegExp(`(^|\\s)${name}$`) });

    // the county is open at first with its townships; a township's villages come when it is opened
    await node('义兴镇妇联').waitFor();
    await eventually(() => node('东关村妇联').count()).toBe(0);
    await shot('01-county');
    await node('义兴镇妇联').locator('.ant-tree-switcher').click();
    await node('东关村妇联').waitFor();
    expect(await tree.getByRole('treeitem', { name: /村妇联$/ }).count()).toBeGreaterThan(20);
    await shot('02-township-open');

    await node('东关村妇联').locator('.ant-tree-node-content-wrapper').click();
    await expectBreadcrumbs(page, ['和顺县妇联', '义兴镇妇联', '东关村妇联']);
    await page.getByRole('cell', { name: /层级.*村（社区）/ }).waitFor();
    await shot('03-village');

    await page.getByRole('searchbox', { name: '按名称搜索组织' }).fill('东关');
    const result = page.getByRole('button', { name: /^东关村妇联 义兴镇妇联 \/ 东关村妇联/ });
    await result.waitFor();
    // the groups of the village match too, each with its path below the county
    expect(await page.getByRole('button', { name: /义兴镇妇联 \/ 东关村妇联 \/ .*妇女小组/ }).count()).toBeGreaterThan(0);
    await shot('04-search');
    await result.click();
    await expectBreadcrumbs(page, ['和顺县妇联', '义兴镇妇联', '东关村妇联']);

    // a breadcrumb goes back up
    await page.locator('main').last().locator('.ant-breadcrumb').getByText('义兴镇妇联').click();
    await expectBreadcrumbs(page, ['和顺县妇联', '义兴镇妇联']);
    await shot('05-back-to-township');
  });

  test('phone: drill from the county to a township and its villages; search by a Chinese name; breadcrumbs', async () => {
    const { page, shot } = await app.open('phone', 'tree');
    await logIn(page, app.login('admin'));
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('button', { name: '组织' }).click();
    const children = page.getByRole('tabpanel', { name: /下级组织/ });
    const child = (name: string) => children.getByRole('listitem').filter({ has: page.getByText(name, { exact: true }) });

    await child('义兴镇妇联').waitFor();
    await expectBreadcrumbs(page, ['和顺县妇联']);
    expect(await pageScrollWidth(page)).toBeLessThanOrEqual(PHONE_WIDTH);
    await shot('01-county');

    await child('义兴镇妇联').getByRole('button').first().click();
    await expectBreadcrumbs(page, ['和顺县妇联', '义兴镇妇联']);
    await child('东关村妇联').waitFor();
    expect(await children.getByRole('listitem').count()).toBeGreaterThan(20);
    expect(await pageScrollWidth(page)).toBeLessThanOrEqual(PHONE_WIDTH);
    await shot('02-township');

    await child('东关村妇联').getByRole('button', { name: '查看东关村妇联的下级' }).click();
    await expectBreadcrumbs(page, ['和顺县妇联', '义兴镇妇联', '东关村妇联']);
    await child('东关村第一村民小组妇女小组').waitFor();
    await shot('03-village');

    await page.getByRole('searchbox', { name: '按名称搜索组织' }).fill('东关');
    const result = page.getByRole('button', { name: /^东关村妇联 义兴镇妇联 \/ 东关村妇联/ });
    await result.waitFor();
    expect(await pageScrollWidth(page)).toBeLessThanOrEqual(PHONE_WIDTH);
    await shot('04-search');
    await result.click();
    await expectBreadcrumbs(page, ['和顺县妇联', '义兴镇妇联', '东关村妇联']);

    await page.locator('main').last().locator('.ant-breadcrumb').getByText('和顺县妇联').click();
    await expectBreadcrumbs(page, ['和顺县妇联']);
    await child('义兴镇妇联').waitFor();
    await shot('05-back-to-county');
  });
});

describe('phone layout', () => {
  test('390×844: dashboard, activities, org tree and quick entry never scroll sideways', async () => {
    const { page, shot } = await app.open('phone', 'layout');
    await logIn(page, app.login('yixing'));
    const tabBar = page.getByRole('navigation', { name: '主菜单' });
    const pages: { tab: string; ready: () => Promise<unknown>; step: string }[] = [
      { tab: '看板', step: '01-dashboard', ready: () => page.getByRole('list', { name: '指标' }).waitFor() },
      { tab: '活动', step: '02-activities', ready: () => page.locator('.jg-list-card').first().waitFor() },
      { tab: '组织', step: '03-orgs', ready: () => page.getByRole('tabpanel', { name: /下级组织/ }).getByRole('listitem').first().waitFor() },
      { tab: '记一笔', step: '04-quick-entry', ready: () => page.getByRole('button', { name: buttonName('保存') }).waitFor() },
    ];
    for (const p of pages) {
      await tabBar.getByRole('button', { name: p.tab }).click();
      await p.ready();
      expect({ page: p.tab, scrollWidth: await pageScrollWidth(page) }).toEqual({ page: p.tab, scrollWidth: PHONE_WIDTH });
      await shot(p.step);
    }
    // the dashboard's lower part (breakdown list and charts) too
    await tabBar.getByRole('button', { name: '看板' }).click();
    await page.getByRole('img', { name: /按下级组织的柱状图$/ }).locator('canvas').waitFor();
    await page.getByText(/ · \d{4}年$/).first().scrollIntoViewIfNeeded();
    expect(await pageScrollWidth(page)).toBeLessThanOrEqual(PHONE_WIDTH);
    await shot('05-dashboard-breakdown');
  });
});

describe('Chinese throughout', () => {
  test('the date picker of 记一笔 shows its calendar in Chinese', async () => {
    const { page, shot } = await app.open('desktop', 'chinese');
    await logIn(page, app.login('yixing'), '/activities/new');
    await page.getByLabel('日期').click();
    const calendar = page.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)');
    await calendar.waitFor();
    // read before the full-page screenshot, whose resize may close the dropdown
    const text = await calendar.innerText();
    await shot('01-date-picker');
    expect(text).toMatch(/\d{4}年/);
    expect(text).toContain('今天');
    expect(text).not.toMatch(/Today|Su\s+Mo/);
  });
});
