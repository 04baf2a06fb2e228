import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';

/** run a command to its end; collects stdout/stderr when they are piped */
export function runCommand(cmd, args, opts = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...opts });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d) => (stdout += d));
    child.stderr?.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code: code ?? 128, signal, stdout, stderr }));
  });
}

export const exitCodeOfSignal = (signal) => 128 + (os.constants.signals[signal] ?? 1);

/** whether a process exists (EPERM: it does, but belongs to another user) */
export function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

const groupAlive = (pgid) => {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
};

const signalGroup = (pgid, signal) => {
  try {
    process.kill(-pgid, signal);
  } catch {
    // the group has already gone
  }
};

/**
 * Run a long-lived child in a process group of its own and forward SIGINT/SIGTERM/SIGHUP to that whole group
 * (wrappers such as npx do not pass signals on to their children) exactly once: Ctrl-C reaches this process,
 * and often npm too, and a second SIGINT makes many programs skip their graceful shutdown. Repeats within a
 * second count as the same signal; a later one is forwarded again. onSignal(signal) hears the first one.
 * With killAfterMs, what is left of the group that long after the first forwarded signal is killed, and the
 * promise waits for the group to be gone. Resolves to {code, signal} of the child.
 */
export function runForwardingSignals(cmd, args, { killAfterMs, onSignal = () => {}, ...opts } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: 'inherit', ...opts, detached: true });
    let firstForward = 0;
    let lastForward = 0;
    const forward = (signal) => {
      const now = Date.now();
      if (now - lastForward < 1000) return;
      if (firstForward === 0) {
        firstForward = now;
        onSignal(signal);
      }
      lastForward = now;
      signalGroup(child.pid, signal);
    };
    const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
    for (const s of signals) process.on(s, forward);
    let killer = null;
    const stopForwarding = () => {
      for (const s of signals) process.off(s, forward);
      clearInterval(killer);
    };
    if (killAfterMs) {
      killer = setInterval(() => {
        if (firstForward > 0 && Date.now() - firstForward > killAfterMs) signalGroup(child.pid, 'SIGKILL');
      }, 500);
    }
    child.on('error', (err) => {
      stopForwarding();
      reject(err);
    });
    child.on('exit', (code, signal) => {
      const finish = () => {
        stopForwarding();
        resolve({ code, signal });
      };
      if (firstForward === 0 || !killAfterMs) return finish();
      // interrupted: wait for the rest of the group (the wrapped program, its workers) to be gone
      const wait = setInterval(() => {
        if (groupAlive(child.pid) && Date.now() - firstForward < killAfterMs + 2000) return;
        clearInterval(wait);
        finish();
      }, 200);
    });
  });
}

/** true when the module at importMetaUrl is the script node was started with (not imported) */
export function isMainModule(importMetaUrl) {
  if (!process.argv[1]) return false;
  const real = (p) => {
    try {
      return fs.realpathSync(p);
    } catch {
      return p;
    }
  };
  return real(fileURLToPath(importMetaUrl)) === real(process.argv[1]);
}
