import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { tableChecksums } from '../test/db-checksum.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres } from '../db/open.ts';
import { onCluster, testDbKind, withDatabase } from '../test/fresh-db.ts';
import { runCli } from './run-cli.ts';

const KEY = crypto.randomBytes(32).toString('base64');
const names = [`cli_a_${crypto.randomBytes(4).toString('hex')}`, `cli_b_${crypto.randomBytes(4).toString('hex')}`];
let workDir: string;

const adminUrl = () => process.env.JINGUO_TEST_PG_URL ?? '';
const urlOf = (name: string) => withDatabase(adminUrl(), name);
const admin = (statement: string) => onCluster(adminUrl(), statement);

async function cli(args: string[], database: string) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    env: { DATABASE_URL: urlOf(database), DATA_DIR: workDir, JINGUO_DATA_KEY: KEY },
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** a checksum of every row of every table */
async function fingerprint(database: string) {
  const handle = openPostgres(urlOf(database), { max: 1 });
  try {
    return await tableChecksums(handle.db);
  } finally {
    await handle.close();
  }
}

// pg_dump / pg_restore against the suite's PostgreSQL server (npm test starts one)
describe.runIf(testDbKind() === 'postgres')('npx jinguo backup and restore on PostgreSQL', () => {
  beforeAll(async () => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jinguo-cli-pg-'));
    for (const name of names) await admin(`create database ${name}`);
  });
  afterAll(async () => {
    for (const name of names) await admin(`drop database if exists ${name} with (force)`).catch(() => {});
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  it('restores a pg_dump into another database with the same rows', async () => {
    const [source, target] = names;
    expect((await cli(['seed-demo'], source)).code).toBe(0);
    const file = path.join(workDir, 'jinguo.dump');
    const backup = await cli(['backup', file], source);
    expect([backup.code, backup.err]).toEqual([0, '']);

    const restore = await cli(['restore', file], target);
    expect([restore.code, restore.err]).toEqual([0, '']);
    expect(restore.out).toContain('已核对：当前数据加密密钥能解密恢复的数据');
    expect(await fingerprint(target)).toEqual(await fingerprint(source));

    expect((await cli(['restore', file], target)).err).toContain('确认覆盖请加 --force');
    expect((await cli(['restore', file, '--force'], target)).code).toBe(0);
    expect(await fingerprint(target)).toEqual(await fingerprint(source));
  });
});
