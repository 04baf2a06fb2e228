import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { tableChecksums } from '../test/db-checksum.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { openPglite } from '../db/open.ts';
import { createCipher } from '../security/personal-data.ts';
import { freshDatabase, testDbKind, type TestDatabase } from '../test/fresh-db.ts';
import { runCli } from './run-cli.ts';

const KEY = crypto.randomBytes(32).toString('base64');
const ADMIN_PASSWORD = 'Heshun-Demo-2026!';

let database: TestDatabase;
let dataDir: string;
let workDir: string;
const passwords: Record<string, string> = {};

async function cli(args: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    env: { DATA_DIR: dataDir, JINGUO_DATA_KEY: KEY, JINGUO_ADMIN_PASSWORD: ADMIN_PASSWORD, ...env },
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** a checksum of every row of every table */
async function fingerprint(dir: string) {
  const handle = await openPglite(dir);
  try {
    return await tableChecksums(handle.db);
  } finally {
    await handle.close();
  }
}

// the commands run the embedded database whatever the suite's database; once is enough
describe.skipIf(testDbKind() === 'postgres')('npx jinguo', () => {
  beforeAll(async () => {
    database = await freshDatabase();
    // the CLI opens the directory itself (with its lock), so the test's own connection must let go of it
    await database.db.destroy();
    dataDir = database.dataDir;
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jinguo-cli-'));
  });
  afterAll(async () => {
    await database?.close().catch(() => {});
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  it('prints its usage and refuses unknown commands and options', async () => {
    expect((await cli(['help'])).out).toContain('load-divisions');
    const unknown = await cli(['frobnicate']);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('未知的命令：frobnicate');
    expect((await cli(['backup', '--nope', 'x.tgz'])).err).toBe('未知的选项：--nope');
    expect((await cli(['reset-password'])).err).toBe('缺少参数：<用户名>');
    expect((await cli(['load-divisions', '1407'])).err).toMatch(/行政区划代码 “1407” 不正确/);
  });

  it('migrates, seeds the demo county once and loads divisions idempotently', async () => {
    const migrate = await cli(['migrate']);
    expect(migrate.code).toBe(0);
    expect(migrate.out).toContain('没有需要应用的迁移');

    const seed = await cli(['seed-demo']);
    expect(seed.code).toBe(0);
    expect(seed.out).toMatch(/admin\s+Heshun-Demo-2026!\s+和顺县妇联 管理员/);
    const again = await cli(['seed-demo']);
    expect([again.code, again.err]).toEqual([1, '数据库中已有组织数据：演示数据只能在空数据库中生成']);

    const load = await cli(['load-divisions', '140723']);
    expect(load.out).toMatch(/共 195 个组织，新增 0 个，已有 195 个/);
  });

  it('creates users with a given or a generated password, and checks what it is given', async () => {
    const created = await cli(['create-user', '--username', 'wangli', '--org', '140723100', '--role', 'staff', '--name', '王丽']);
    expect(created.code).toBe(0);
    expect(created.out).toContain('已创建用户 wangli（王丽）：义兴镇妇联，工作人员');
    passwords.wangli = /初始密码：(\S+?)（/.exec(created.out)?.[1] ?? '';
    expect(passwords.wangli).toMatch(/^[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}$/);

    const given = await cli(['create-user', '--username', 'zhaomin', '--org', '140723', '--role', 'admin', '--password', 'Zhao-Min-2026!']);
    expect(given.out).not.toContain('初始密码');
    passwords.zhaomin = 'Zhao-Min-2026!';

    const fail = async (args: string[]) => (await cli(['create-user', '--username', 'liyan', '--org', '140723', '--role', 'staff', ...args])).err;
    expect(await fail(['--password', 'short1A'])).toContain('密码强度不足');
    expect(await fail(['--org', '999999'])).toContain('找不到组织 999999');
    expect(await fail(['--role', 'boss'])).toContain('角色应为 admin');
    expect((await cli(['create-user', '--username', 'wangli', '--org', '140723', '--role', 'staff'])).err).toBe('用户名“wangli”已被使用');
  });

  it('resets a password and shows the generated one once', async () => {
    const reset = await cli(['reset-password', 'dongguan']);
    expect(reset.code).toBe(0);
    passwords.dongguan = /新密码：(\S+?)（/.exec(reset.out)?.[1] ?? '';
    expect(passwords.dongguan).not.toBe('');
    expect((await cli(['reset-password', 'nobody'])).err).toBe('找不到用户 nobody');
  });

  it('backs up and restores into a new directory with the same rows, and checks the data key', async () => {
    const file = path.join(workDir, 'jinguo.tgz');
    const backup = await cli(['backup', file]);
    expect(backup.code).toBe(0);
    expect(backup.out).toContain('备份不含数据加密密钥');
    expect((await cli(['backup', file])).err).toContain('已存在');

    const restoredDir = path.join(workDir, 'restored');
    const restore = await cli(['restore', file], { DATA_DIR: restoredDir });
    expect(restore.code).toBe(0);
    expect(restore.out).toMatch(/组织 \d+ 个，人员 \d+ 人，活动 \d+ 条，用户 5 个/);
    expect(restore.out).toContain('已核对：当前数据加密密钥能解密恢复的数据');
    expect((await cli(['restore', file], { DATA_DIR: restoredDir })).err).toContain('确认覆盖请加 --force');
    const otherKey = await cli(['restore', file, '--force'], { DATA_DIR: restoredDir, JINGUO_DATA_KEY: crypto.randomBytes(32).toString('base64') });
    expect(otherKey.out).toContain('警告：当前数据加密密钥无法解密恢复的数据');

    expect(await fingerprint(restoredDir)).toEqual(await fingerprint(dataDir));
    await expectLogins(restoredDir);
  });

  it('refuses a data directory another process holds', async () => {
    const lockFile = path.join(dataDir, 'jinguo.lock');
    fs.writeFileSync(lockFile, String(process.ppid));
    try {
      const locked = await cli(['migrate']);
      expect(locked.code).toBe(1);
      expect(locked.err).toContain(`已被另一个进程（PID ${process.ppid}）占用`);
    } finally {
      fs.rmSync(lockFile, { force: true });
    }
  });
});

async function expectLogins(dir: string) {
  const handle = await openPglite(dir);
  const app = await buildApp({ db: handle.db, dbKind: 'pglite', cipher: createCipher(Buffer.from(KEY, 'base64')), filesDir: path.join(dir, 'files'), logLevel: 'silent' });
  try {
    const accounts = { admin: ADMIN_PASSWORD, ...passwords };
    for (const [username, password] of Object.entries(accounts)) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
      expect([username, res.statusCode]).toEqual([username, 200]);
    }
  } finally {
    await app.close();
    await handle.close();
  }
}
