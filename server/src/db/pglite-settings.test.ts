import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { openPglite, pgliteDirectory, PGLITE_DEFAULT_SHARED_BUFFERS } from './open.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jinguo-pglite-settings-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function sharedBuffers(sharedBuffers?: string): Promise<string> {
  const h = await openPglite(dir, { sharedBuffers });
  try {
    return (await sql<{ shared_buffers: string }>`show shared_buffers`.execute(h.db)).rows[0].shared_buffers;
  } finally {
    await h.close();
  }
}

describe('PGLITE_SHARED_BUFFERS', () => {
  it('sets the embedded database buffer cache at start, leaving the data directory’s postgresql.conf as it was', async () => {
    expect(await sharedBuffers()).toBe(PGLITE_DEFAULT_SHARED_BUFFERS);
    const conf = path.join(pgliteDirectory(dir), 'postgresql.conf');
    const before = fs.readFileSync(conf, 'utf8');
    expect(await sharedBuffers('16MB')).toBe('16MB');
    expect(fs.readFileSync(conf, 'utf8')).toBe(before);
    expect(await sharedBuffers()).toBe(PGLITE_DEFAULT_SHARED_BUFFERS);
  });

  it('is read from the environment, and a malformed value is refused naming the variable', () => {
    expect(loadConfig({}).pgliteSharedBuffers).toBe(PGLITE_DEFAULT_SHARED_BUFFERS);
    expect(loadConfig({ PGLITE_SHARED_BUFFERS: '128MB' }).pgliteSharedBuffers).toBe('128MB');
    expect(() => loadConfig({ PGLITE_SHARED_BUFFERS: 'a lot' })).toThrow('PGLITE_SHARED_BUFFERS 应写成 32MB 这样的形式');
    expect(() => loadConfig({ PGLITE_SHARED_BUFFERS: '64MB; drop' })).toThrow('PGLITE_SHARED_BUFFERS');
  });
});
