// Steps through the Jinguo web app that several flows share.
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { buttonName } from './browser.ts';
import type { DemoLogin } from './server.ts';

export async function submitLogin(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('用户名', { exact: true }).fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: buttonName('登录') }).click();
}

/** logs in through the login page and waits for the signed-in layout (its main menu) */
export async function logIn(page: Page, user: DemoLogin, path = '/'): Promise<void> {
  await page.goto(`/login?from=${encodeURIComponent(path)}`);
  await submitLogin(page, user.username, user.password);
  await page.getByRole('navigation', { name: '主菜单' }).waitFor();
}

/** "1,234 人次" → 1234 */
export function parseFigure(text: string): number {
  const digits = text.replace(/[^\d.]/g, '');
  if (!digits) throw new Error(`no number in "${text}"`);
  return Number(digits);
}

export type MetricCardFigure = { name: string; value: number };

/** the dashboard's metric cards: "巾帼大宣讲人次 / 30,084 人次 / 查看记录" → {name, value} */
export async function metricCards(page: Page): Promise<MetricCardFigure[]> {
  const items = page.getByRole('list', { name: '指标' }).getByRole('listitem');
  await items.first().waitFor();
  return (await items.allInnerTexts()).map((text) => {
    const [name, value] = text.split('\n').map((l) => l.trim()).filter(Boolean);
    return { name, value: parseFigure(value ?? '') };
  });
}

export function metricCard(page: Page, metricName: string): Locator {
  return page.getByRole('list', { name: '指标' }).getByRole('listitem').filter({ hasText: metricName });
}

export async function readMetricCard(page: Page, metricName: string): Promise<number> {
  const card = (await metricCards(page)).find((c) => c.name === metricName);
  if (!card) throw new Error(`no dashboard card ${metricName}`);
  return card.value;
}

/**
 * Chooses `option` in the antd Select of the form field labelled `label`, tapping as a person would. The options
 * sit in a virtual list that opens scrolled to the current choice: scroll it until the option is rendered.
 */
export async function chooseOption(page: Page, label: string, option: string): Promise<void> {
  const field = page.locator('.ant-form-item').filter({ has: page.getByLabel(label) });
  await field.locator('.ant-select-selector').click();
  const dropdown = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
  const holder = dropdown.locator('.rc-virtual-list-holder');
  const wanted = dropdown.locator('.ant-select-item-option').filter({ hasText: new RegExp(`^${option}$`) });
  await holder.waitFor();
  for (const direction of [-1, 1]) {
    for (let step = 0; step < 30; step++) {
      if (await wanted.count()) {
        await wanted.click();
        await field.locator('.ant-select-selection-item', { hasText: option }).waitFor();
        return;
      }
      const moved = await holder.evaluate((el, d) => {
        const before = el.scrollTop;
        el.scrollTop = before + d * 120;
        return el.scrollTop !== before;
      }, direction);
      if (!moved) break;
      await page.waitForTimeout(50);
    }
  }
  throw new Error(`no option "${option}" in the list of ${label}`);
}

/** the page's breadcrumb trail, e.g. ['和顺县妇联', '义兴镇妇联', '东关村妇联'] */
export async function breadcrumbTrail(page: Page): Promise<string[]> {
  const items = page.locator('main').last().locator('.ant-breadcrumb li:not(.ant-breadcrumb-separator)');
  return (await items.allInnerTexts()).map((t) => t.trim());
}

/** expect.poll with room for a busy machine (its default gives up after one second) */
export function eventually<T>(read: () => Promise<T> | T) {
  return expect.poll(read, { timeout: 15_000, interval: 100 });
}
