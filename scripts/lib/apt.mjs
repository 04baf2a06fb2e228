import { runCommand } from './processes.mjs';

export const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

let listsUpdated = false;

/** install Debian packages non-interactively; `apt-get update` runs at most once per process */
export async function aptInstall(packages) {
  if (!isRoot()) throw new Error(`需要 root 权限才能安装 ${packages.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  // another apt run on the machine (a helper, unattended upgrades) holds the lock for a while: wait for it
  const lockWait = ['-o', 'DPkg::Lock::Timeout=600'];
  if (!listsUpdated) {
    await mustSucceed('apt-get', ['update', ...lockWait], env);
    listsUpdated = true;
  }
  const confOld = ['-o', 'Dpkg::Options::=--force-confdef', '-o', 'Dpkg::Options::=--force-confold'];
  await mustSucceed('apt-get', ['install', '-y', ...lockWait, ...confOld, ...packages], env);
}

async function mustSucceed(cmd, args, env) {
  console.error(`$ ${cmd} ${args.join(' ')}`);
  // apt's output goes to stderr so that it never mixes with what a script prints on stdout
  const { code } = await runCommand(cmd, args, { env, stdio: ['ignore', process.stderr, process.stderr] });
  if (code !== 0) throw new Error(`${cmd} ${args[0]} failed with exit code ${code}`);
}
