import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';
import { DirectoryLockedError } from './db/directory-lock.ts';
import { startPgliteMaintenance } from './db/maintenance.ts';
import { applyMigrations } from './db/migrate.ts';
import { openDatabase } from './db/open.ts';
import { createCipher, loadDataKey } from './security/personal-data.ts';
import { seedDemo } from './seed/demo.ts';

/** start: config → database (+ lock) → migrations → demo seed if empty → listen */
async function main() {
  const config = loadConfig();
  const started = Date.now();
  const handle = await openDatabase(config);
  await applyMigrations(handle.db);
  const cipher = createCipher(loadDataKey({ configured: config.dataKey, dataDir: config.dataDir }));

  const empty = !(await handle.db.selectFrom('orgs').select('id').limit(1).executeTakeFirst());
  const logins = empty ? await seedDemo({ db: handle.db, cipher }, { adminPassword: config.adminPassword }) : null;

  const webDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');
  const app = await buildApp({
    db: handle.db,
    dbKind: handle.kind,
    dbObserver: handle.observer,
    metricsToken: config.metricsToken,
    cipher,
    filesDir: path.join(config.dataDir, 'files'),
    webDir,
    logLevel: config.logLevel,
    trustProxy: config.trustProxy,
  });
  await app.listen({ port: config.port, host: config.host });
  const stopMaintenance = handle.kind === 'pglite' ? startPgliteMaintenance(handle.db, (err) => app.log.warn({ err }, 'analyze failed')) : () => {};

  const url = `http://localhost:${config.port}/`;
  const where = handle.kind === 'pglite' ? `内置数据库 ${config.dataDir}` : 'PostgreSQL';
  const lines = [``, `巾帼 Jinguo 已启动：${url}`, `数据库：${where}；启动用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒`];
  if (logins) {
    lines.push('', '首次启动，已生成演示数据（和顺县妇联）。演示账号（密码只显示这一次，请妥善保存）：');
    for (const l of logins) lines.push(`  ${l.username.padEnd(12)} ${l.password.padEnd(20)} ${l.orgName} ${l.roleLabel}`);
  } else {
    lines.push('演示账号见首次启动时的输出；忘记密码可用 npx jinguo reset-password <用户名> 重置。');
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    stopMaintenance();
    await app.close();
    await handle.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => {
  if (err instanceof DirectoryLockedError) {
    process.stderr.write(`${err.message}\n`);
  } else {
    process.stderr.write(`启动失败：${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  }
  process.exit(1);
});
