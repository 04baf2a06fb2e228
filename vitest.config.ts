import { defineConfig } from 'vitest/config';

const withPostgres = Boolean(process.env.JINGUO_TEST_PG_URL);
const serverTests = ['server/src/**/*.test.ts', 'common/src/**/*.test.ts'];

/** server tests run on the embedded database and, when a server is given, on PostgreSQL; browser tests once */
export default defineConfig({
  test: {
    globalSetup: ['server/src/test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    env: { TZ: 'UTC' },
    projects: [
      { extends: true, test: { name: 'pglite', include: serverTests, env: { JINGUO_TEST_DB: 'pglite' } } },
      ...(withPostgres
        ? [{ extends: true, test: { name: 'postgres', include: serverTests, env: { JINGUO_TEST_DB: 'postgres' } } }]
        : []),
      { extends: true, test: { name: 'browser', include: ['e2e/**/*.test.ts'], fileParallelism: false, testTimeout: 180_000 } },
    ],
  },
});
