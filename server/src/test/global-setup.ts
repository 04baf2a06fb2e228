import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildServerIfStale } from '../../../scripts/build-server.mjs';
import { prepareTemplates } from './fresh-db.ts';

/** vitest globalSetup: migrate the template databases once per run; build the server the process tests start */
export default async function setup() {
  await buildServerIfStale();
  // each run gets its own template directory, so that concurrent runs do not trip over each other
  process.env.JINGUO_TEST_CACHE ??= fs.mkdtempSync(path.join(os.tmpdir(), 'jinguo-test-cache-'));
  await prepareTemplates('pglite');
  if (process.env.JINGUO_TEST_PG_URL) await prepareTemplates('postgres');
}
