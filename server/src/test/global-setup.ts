import { prepareTemplates } from './fresh-db.ts';

/** vitest globalSetup: migrate the template databases once per run */
export default async function setup() {
  await prepareTemplates('pglite');
  if (process.env.JINGUO_TEST_PG_URL) await prepareTemplates('postgres');
}
