// Steps through the Jinguo web app that several flows share.
import type { Locator, Page } from 'playwright-core';
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

/** the dashboard card of a metric, found by its Chinese name */
export function metricCard(page: Page, metricName: string): Locator {
  return page.getByRole('list', { name: '指标' }).getByRole('listitem').filter({ hasText: metricName });
}

export async function readMetricCard(page: Page, metricName: string): Promise<number> {
  const card = metricCard(page, metricName);
  await card.waitFor();
  return parseFigure(await card.locator('.jg-metric-value').innerText());
}
