import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { acquireDirectoryLock, DirectoryLockedError } from './directory-lock.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jinguo-lock-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** a second process that holds the lock until killed */
function holdLockInChild(): Promise<{ kill: () => void }> {
  const code = `import { acquireDirectoryLock } from ${JSON.stringify(path.resolve('server/src/db/directory-lock.ts'))};
    acquireDirectoryLock(${JSON.stringify(dir)}); process.stdout.write('locked\\n'); setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (d) => String(d).includes('locked') && resolve({ kill: () => child.kill('SIGKILL') }));
    child.on('exit', (c) => reject(new Error(`child exited ${c}`)));
  });
}

describe('data directory lock', () => {
  it('refuses a second process with a message naming the directory, and takes over after it dies', async () => {
    const child = await holdLockInChild();
    try {
      expect(() => acquireDirectoryLock(dir)).toThrow(DirectoryLockedError);
      expect(() => acquireDirectoryLock(dir)).toThrow(dir);
    } finally {
      child.kill();
    }
    await new Promise((r) => setTimeout(r, 300));
    const lock = acquireDirectoryLock(dir);
    lock.release();
    expect(fs.existsSync(path.join(dir, 'jinguo.lock'))).toBe(false);
  });
});
