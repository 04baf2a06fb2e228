import fs from 'node:fs';
import path from 'node:path';
import { acquireDirectoryLock } from '../db/directory-lock.ts';
import { createPglite, pgliteDirectory } from '../db/open.ts';
import { CliError } from './cli-context.ts';

/**
 * Backup and restore of the embedded database: PGlite's own dump of its data directory (a gzip tarball), taken
 * and loaded while holding the data directory's lock, so that no server writes meanwhile.
 */

export async function dumpPglite(dataDir: string, file: string): Promise<number> {
  const lock = acquireDirectoryLock(dataDir);
  try {
    if (!fs.existsSync(path.join(pgliteDirectory(dataDir), 'PG_VERSION'))) throw new CliError(`数据目录 ${dataDir} 中没有数据库`);
    const pglite = await createPglite({ dataDir: pgliteDirectory(dataDir) });
    try {
      const bytes = Buffer.from(await (await pglite.dumpDataDir('gzip')).arrayBuffer());
      const partial = `${file}.partial`;
      fs.writeFileSync(partial, bytes);
      fs.renameSync(partial, file);
      return bytes.length;
    } finally {
      await pglite.close();
    }
  } finally {
    lock.release();
  }
}

/**
 * Loads a dump into DATA_DIR. The database is built beside the current one and swapped in only once it has
 * opened, so a bad file never costs the data already there.
 */
export async function loadPglite(dataDir: string, file: string, opts: { force: boolean }): Promise<void> {
  const bytes = fs.readFileSync(file);
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) throw new CliError(`${file} 不是内置数据库的备份文件（应为 gzip 压缩包）`);
  fs.mkdirSync(dataDir, { recursive: true });
  const lock = acquireDirectoryLock(dataDir);
  try {
    const target = pgliteDirectory(dataDir);
    const occupied = fs.existsSync(target) && fs.readdirSync(target).length > 0;
    if (occupied && !opts.force) throw new CliError(`数据目录 ${dataDir} 中已有数据库：恢复会覆盖它，确认覆盖请加 --force`);
    const building = `${target}.restoring`;
    fs.rmSync(building, { recursive: true, force: true });
    const pglite = await createPglite({ dataDir: building, loadDataDir: new Blob([bytes]) });
    await pglite.query('select 1');
    await pglite.close();
    const previous = `${target}.replaced`;
    fs.rmSync(previous, { recursive: true, force: true });
    if (fs.existsSync(target)) fs.renameSync(target, previous);
    fs.renameSync(building, target);
    fs.rmSync(previous, { recursive: true, force: true });
  } finally {
    lock.release();
  }
}
