import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../e2e/helpers/server.ts';
import { buildServerIfStale, SERVER_ARGS } from '../scripts/build-server.mjs';
import { round } from './timing.ts';

/**
 * "A restart on an existing DATA_DIR serves within 5 s": start the server once (first start seeds the demo
 * county), stop it, then time from spawning the process again until /api/health answers 200. The server is the
 * bundle npm start runs.
 */
async function startAndWait(env: NodeJS.ProcessEnv, port: number) {
  const t0 = performance.now();
  const child = spawn(process.execPath, SERVER_ARGS, { env, stdio: 'ignore' });
  for (;;) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const ms = round(performance.now() - t0);
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
  return ms;
}

export async function benchRestart(): Promise<{ first_start_ms: number; restart_serves_ms: number }> {
  await buildServerIfStale();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jinguo-bench-restart-'));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'silent' };
  delete env.DATABASE_URL;
  try {
    const first = await startAndWait(env, port);
    const again = await startAndWait(env, port);
    return { first_start_ms: first, restart_serves_ms: again };
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
