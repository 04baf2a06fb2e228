// One server and one browser per test file; each test opens its own contexts, closed after it (with a
// "failed" screenshot of each when the test failed).
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { launchBrowser, openSession, type Session, type ViewportName } from './browser.ts';
import { startServer, type DemoLogin, type RunningServer } from './server.ts';

export type AppUnderTest = {
  login: (username: string) => DemoLogin;
  /** a fresh browser context; `test` names its screenshots */
  open: (viewport: ViewportName, test: string) => Promise<Session>;
};

export function useAppUnderTest(): AppUnderTest {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  const sessions: Session[] = [];

  beforeAll(async () => {
    const [started, launched] = await Promise.allSettled([startServer(), launchBrowser()]);
    if (started.status === 'fulfilled') server = started.value;
    if (launched.status === 'fulfilled') browser = launched.value;
    if (started.status === 'rejected') throw started.reason;
    if (launched.status === 'rejected') throw launched.reason;
  });

  let printedUpTo = 0;
  beforeEach(() => {
    printedUpTo = server?.output().length ?? 0;
  });

  afterEach(async (ctx) => {
    const open = sessions.splice(0);
    if (ctx.task.result?.state === 'fail') {
      await Promise.allSettled(open.map((s) => s.shot('failed')));
      const printed = server?.output().slice(printedUpTo).trim();
      if (printed) console.error(`the server printed during the failed test:\n${printed.slice(-6000)}`);
      if (server?.webBuildChanged()) {
        console.error('web/dist was rebuilt while this file ran (by another process?): a page loaded before the rebuild asks for chunks that no longer exist.');
      }
    }
    await Promise.allSettled(open.map((s) => s.context.close()));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const running = () => {
    if (!server || !browser) throw new Error('the server or the browser did not start');
    return { server, browser };
  };

  return {
    login: (username) => running().server.login(username),
    open: async (viewport, test) => {
      const { server: s, browser: b } = running();
      const session = await openSession(b, { baseUrl: s.baseUrl, viewport, test });
      sessions.push(session);
      return session;
    },
  };
}
