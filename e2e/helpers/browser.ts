// Debian's Chromium through playwright-core: one browser per test file, a fresh context per test, two viewports.
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { ROOT } from './server.ts';

export type ViewportName = 'desktop' | 'phone';

const CONTEXT_DEFAULTS: BrowserContextOptions = { locale: 'zh-CN', timezoneId: 'Asia/Shanghai' };

export const VIEWPORTS: Record<ViewportName, BrowserContextOptions> = {
  desktop: { viewport: { width: 1280, height: 800 } },
  phone: {
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    deviceScaleFactor: 2,
    userAgent:
      'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Mobile Safari/537.36',
  },
};

const SCREENSHOT_DIR = path.join(ROOT, 'test-results', 'screenshots');

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.JINGUO_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

export type Session = { context: BrowserContext; page: Page; viewport: ViewportName; shot: (step: string) => Promise<void> };

/**
 * A fresh context on baseUrl; `shot('step')` saves test-results/screenshots/<test>-<viewport>-<step>.png: the whole
 * page on the desktop, the screen on the phone (a full-page capture would paint the fixed tab bar mid-page).
 */
export async function openSession(browser: Browser, opts: { baseUrl: string; viewport: ViewportName; test: string }): Promise<Session> {
  const context = await browser.newContext({ ...CONTEXT_DEFAULTS, ...VIEWPORTS[opts.viewport], baseURL: opts.baseUrl });
  context.setDefaultTimeout(30_000);
  const page = await context.newPage();
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const shot = async (step: string) => {
    // ECharts animates new figures for about a second: let the charts settle so that the picture shows them
    if (await page.locator('canvas').count()) await page.waitForTimeout(1200);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${opts.test}-${opts.viewport}-${step}.png`), fullPage: opts.viewport === 'desktop' });
  };
  return { context, page, viewport: opts.viewport, shot };
}

/**
 * A button's accessible name: antd may put a space between the two characters of a two-character Chinese label
 * ("登 录"), and its loading icon ("loading") stays in the name while the icon's leave animation runs.
 */
export function buttonName(label: string): RegExp {
  const escaped = [...label].map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^(loading\\s+)?${escaped.join('\\s*')}$`);
}

/** the horizontal overflow of the page: what a phone user would have to scroll sideways */
export function pageScrollWidth(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth);
}
