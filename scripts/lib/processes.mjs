import { spawn } from 'node:child_process';
import fs from 'node:fs';
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

const SIGNAL_NUMBERS = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };
export const exitCodeOfSignal = (signal) => 128 + (SIGNAL_NUMBERS[signal] ?? 1);

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
 * second count as the same signal; a later one is forwarded again. With killAfterMs, what is left of the group
 * that long after the first forwarded signal is killed. onSignal(signal) hears the first forwarded signal.
 * Resolves to {code, signal} of the child once the child has exited (and, after a signal, its group too).
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
      if (firstForward === 0) return finish();
      // interrupted: wait for the rest of the group (the wrapped program, its workers) to be gone
      const wait = setInterval(() => {
        if (groupAlive(child.pid) && !(killAfterMs && Date.now() - firstForward > killAfterMs + 2000)) return;
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
