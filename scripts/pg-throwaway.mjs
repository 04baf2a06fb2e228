// A throwaway PostgreSQL 15 cluster for the test suite: a temp directory, loopback only, a free port, no
// durability (fsync off), removed at the end. PostgreSQL refuses to run as root, so as root it runs as the
// system user jinguo-pg.
//   node scripts/pg-throwaway.mjs start        prints the URL (the cluster stays up)
//   node scripts/pg-throwaway.mjs stop [DIR]   stops DIR, or every cluster started by `start` or left behind
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { aptInstall, isRoot } from './lib/apt.mjs';
import { isAlive, isMainModule, runCommand } from './lib/processes.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIR_PREFIX = 'jinguo-pg-';
const OS_USER = 'jinguo-pg';
const ROLE = 'jinguo';
const PG_MAJOR = '15';
const BIN_DIRS = [
  ...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean),
  '/usr/local/bin',
  `/usr/lib/postgresql/${PG_MAJOR}/bin`,
];
// above Linux's default ephemeral range (32768–60999), inside the private one: no clash with outgoing sockets
const PORT_RANGE = [61000, 65535];
const START_ATTEMPTS = 5;

const live = new Set();

function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function findPgBinDir() {
  return BIN_DIRS.find((dir) => isExecutable(path.join(dir, 'initdb')) && isExecutable(path.join(dir, 'pg_ctl')));
}

async function ensurePgBinDir(log) {
  let dir = findPgBinDir();
  if (!dir) {
    if (!isRoot()) {
      throw new Error(
        `PostgreSQL ${PG_MAJOR} not found (initdb/pg_ctl on PATH, /usr/local/bin or /usr/lib/postgresql/${PG_MAJOR}/bin).\n` +
          `Install it as root (apt-get install -y postgresql-${PG_MAJOR}), or run JINGUO_TEST_NO_PG=1 npm test to skip it.`,
      );
    }
    log(`pg-throwaway: installing postgresql-${PG_MAJOR}`);
    await aptInstall([`postgresql-${PG_MAJOR}`]);
    dir = findPgBinDir();
    if (!dir) throw new Error(`initdb/pg_ctl still not found after installing postgresql-${PG_MAJOR}`);
  }
  const { stdout } = await runCommand(path.join(dir, 'initdb'), ['--version']);
  if (!new RegExp(`\\) ${PG_MAJOR}\\.`).test(stdout)) {
    log(`pg-throwaway: warning: ${stdout.trim()} found in ${dir}; the project targets PostgreSQL ${PG_MAJOR}`);
  }
  return dir;
}

async function lookupIds(user) {
  const uid = await runCommand('id', ['-u', user]);
  const gid = await runCommand('id', ['-g', user]);
  if (uid.code !== 0 || gid.code !== 0) return null;
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/** as root: the ids of the unprivileged account the server runs as (created when missing); otherwise null */
async function ensureOsUser() {
  if (!isRoot()) return null;
  let ids = await lookupIds(OS_USER);
  if (!ids) {
    const args = ['--system', '--user-group', '--no-create-home', '--home-dir', '/nonexistent', '--shell', '/usr/sbin/nologin', OS_USER];
    const useradd = fs.existsSync('/usr/sbin/useradd') ? '/usr/sbin/useradd' : 'useradd'; // sbin may be off PATH
    const res = await runCommand(useradd, args);
    ids = await lookupIds(OS_USER); // a concurrent run may have created it first
    if (!ids) throw new Error(`could not create the system user ${OS_USER}: ${res.stderr.trim()}`);
  }
  return ids;
}

/** run a PostgreSQL program as the cluster's owner, without the caller's PG* variables */
function runAsOwner(owner, file, args) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('PG')));
  env.LC_ALL = 'C';
  return runCommand(file, args, { env, cwd: '/', ...(owner ?? {}) });
}

function isPortFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve(true)));
  });
}

async function pickFreePort() {
  for (let i = 0; i < 200; i++) {
    const port = PORT_RANGE[0] + crypto.randomInt(PORT_RANGE[1] - PORT_RANGE[0] + 1);
    if (await isPortFree(port)) return port;
  }
  throw new Error('no free port found on 127.0.0.1');
}

const SERVER_SETTINGS = (dir) => `
# jinguo test cluster: loopback only, no durability (the data is thrown away)
listen_addresses = '127.0.0.1'
unix_socket_directories = '${dir}'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
`;

function readLogTail(dir) {
  try {
    return fs.readFileSync(path.join(dir, 'postgres.log'), 'utf8').split('\n').slice(-15).join('\n');
  } catch {
    return '(no log)';
  }
}

async function initCluster({ bin, owner, dir }) {
  const password = crypto.randomBytes(18).toString('hex');
  const pwfile = path.join(dir, 'pwfile');
  fs.writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  if (owner) fs.chownSync(pwfile, owner.uid, owner.gid);
  // collation C and ctype C.UTF-8, as PGlite has: pg_trgm then treats Chinese characters as word characters
  const res = await runAsOwner(owner, path.join(bin, 'initdb'), [
    '-D', path.join(dir, 'data'), '-U', ROLE, `--pwfile=${pwfile}`, '--auth-local=trust', '--auth-host=scram-sha-256',
    '-E', 'UTF8', '--locale=C', '--lc-ctype=C.UTF-8', '--no-sync',
  ]);
  fs.rmSync(pwfile, { force: true });
  if (res.code !== 0) throw new Error(`initdb failed (exit ${res.code}):\n${res.stdout}${res.stderr}`);
  fs.appendFileSync(path.join(dir, 'data', 'postgresql.conf'), SERVER_SETTINGS(dir));
  return password;
}

async function startServer({ bin, owner, dir, port: fixedPort }) {
  for (let attempt = 1; ; attempt++) {
    const port = fixedPort ?? (await pickFreePort());
    const res = await runAsOwner(owner, path.join(bin, 'pg_ctl'), [
      'start', '-D', path.join(dir, 'data'), '-l', path.join(dir, 'postgres.log'), '-w', '-t', '60', '-o', `-p ${port}`,
    ]);
    if (res.code === 0) return port;
    const log = readLogTail(dir);
    // another process took the port between the check and the bind: try another one
    if (!fixedPort && attempt < START_ATTEMPTS && /could not (bind|create listen socket)|already in use/i.test(log)) continue;
    throw new Error(`pg_ctl start failed (exit ${res.code}):\n${res.stdout}${res.stderr}\n${log}`);
  }
}

/** pg_trgm is in the schema: check that the contrib extensions are there and handle Chinese */
async function verifyTrigrams(url) {
  const pg = createRequire(path.join(ROOT, 'server', 'package.json'))('pg');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('create extension if not exists pg_trgm');
    const { rows } = await client.query(`select array_length(show_trgm('妇女之家'), 1) as n`);
    await client.query('drop extension pg_trgm');
    if (!(rows[0].n > 0)) throw new Error('pg_trgm produced no trigrams for Chinese text (lc_ctype?)');
  } catch (err) {
    throw new Error(`pg_trgm does not work on the test cluster: ${err.message} (PostgreSQL contrib missing?)`);
  } finally {
    await client.end();
  }
}

function ownerOf(dir) {
  const st = fs.statSync(dir);
  return isRoot() && st.uid !== 0 ? { uid: st.uid, gid: st.gid } : null;
}

function commandLineOf(pid) {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return '';
  }
}

/** stop a cluster's server (immediate: its data is thrown away) and remove its directory */
async function destroyCluster(dir, bin = findPgBinDir()) {
  const bouncerPid = fs.existsSync(path.join(dir, 'pgbouncer.pid')) ? Number(fs.readFileSync(path.join(dir, 'pgbouncer.pid'), 'utf8')) : 0;
  // a stale pid file may name a process that reused the pid: kill it only if it is this directory's pgbouncer
  if (bouncerPid > 0 && isAlive(bouncerPid) && commandLineOf(bouncerPid).includes(path.join(dir, 'pgbouncer.ini'))) {
    process.kill(bouncerPid, 'SIGKILL');
  }
  const dataDir = path.join(dir, 'data');
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (fs.existsSync(pidFile)) {
    const postmasterPid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
    const res = bin
      ? await runAsOwner(ownerOf(dataDir), path.join(bin, 'pg_ctl'), ['stop', '-D', dataDir, '-m', 'immediate', '-w', '-t', '30'])
      : { code: 1 };
    if (res.code !== 0 && postmasterPid > 0 && isAlive(postmasterPid)) process.kill(postmasterPid, 'SIGKILL');
  }
  fs.rmSync(dir, { recursive: true, force: true });
}

function readOwnerRecord(dir) {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, 'owner.json'), 'utf8'));
  } catch {
    return null;
  }
}

function listClusterDirs() {
  const tmp = os.tmpdir();
  return fs
    .readdirSync(tmp)
    .filter((name) => name.startsWith(DIR_PREFIX))
    .map((name) => path.join(tmp, name));
}

/** a cluster whose starting process died without stopping it (killed -9, machine hiccup) */
function isStale(dir) {
  const record = readOwnerRecord(dir);
  if (!record) return Date.now() - fs.statSync(dir).mtimeMs > 10 * 60_000;
  return !record.detached && !isAlive(record.pid);
}

async function reapStaleClusters(log) {
  for (const dir of listClusterDirs()) {
    if (!isStale(dir)) continue;
    log(`pg-throwaway: removing a cluster left behind by a dead run: ${dir}`);
    await destroyCluster(dir);
  }
}

/** a handle on a cluster directory: stop() removes it; pause()/resume() stop and start its server on the same port */
function clusterHandle({ bin, owner, dir }) {
  let stopping = null;
  const dataDir = path.join(dir, 'data');
  const handle = {
    dir,
    stop: () => (stopping ??= destroyCluster(dir, bin).finally(() => live.delete(handle))),
    pause: async () => {
      const res = await runAsOwner(owner, path.join(bin, 'pg_ctl'), ['stop', '-D', dataDir, '-m', 'fast', '-w', '-t', '60']);
      if (res.code !== 0) throw new Error(`pg_ctl stop failed: ${res.stderr}`);
    },
    resume: () => startServer({ bin, owner, dir, port: handle.port }),
  };
  live.add(handle);
  return handle;
}

function makeClusterDir({ owner, detached }) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), DIR_PREFIX));
  fs.writeFileSync(path.join(dir, 'owner.json'), JSON.stringify({ pid: process.pid, detached }));
  if (owner) fs.chownSync(dir, owner.uid, owner.gid);
  fs.chmodSync(dir, 0o700);
  return dir;
}

/**
 * Start a cluster. Returns {url, port, dir, stop, pause, resume}. `detached` clusters (the CLI's) outlive this
 * process; the others are reaped by the next start if this process dies without stopping them.
 */
export async function startThrowawayPostgres({ detached = false, log = (m) => console.error(m) } = {}) {
  await reapStaleClusters(log);
  const bin = await ensurePgBinDir(log);
  const owner = await ensureOsUser();
  const dir = makeClusterDir({ owner, detached });
  const handle = clusterHandle({ bin, owner, dir });
  try {
    const password = await initCluster({ bin, owner, dir });
    const port = await startServer({ bin, owner, dir });
    const url = `postgres://${ROLE}:${password}@127.0.0.1:${port}/postgres`;
    await verifyTrigrams(url);
    return Object.assign(handle, { url, port });
  } catch (err) {
    await handle.stop();
    throw err;
  }
}

function findProgram(name, preferredDir) {
  return [preferredDir, ...BIN_DIRS].map((d) => path.join(d, name)).find(isExecutable);
}

/**
 * A hot standby streaming from a running throwaway cluster (pg_basebackup -R: the copy and the replication
 * settings in one step), on its own port and directory. Returns the same kind of handle as the primary's.
 */
export async function startThrowawayReplica(primary, { log = (m) => console.error(m) } = {}) {
  const bin = await ensurePgBinDir(log);
  const basebackup = findProgram('pg_basebackup', bin);
  if (!basebackup) throw new Error('pg_basebackup not found (Debian package postgresql-15 or postgresql-client-15)');
  const owner = await ensureOsUser();
  const dir = makeClusterDir({ owner, detached: false });
  const handle = clusterHandle({ bin, owner, dir });
  try {
    const dataDir = path.join(dir, 'data');
    const res = await runAsOwner(owner, basebackup, ['-D', dataDir, '-d', primary.url, '-R', '-X', 'stream', '-c', 'fast', '--no-sync']);
    if (res.code !== 0) throw new Error(`pg_basebackup failed (exit ${res.code}):\n${res.stdout}${res.stderr}`);
    fs.appendFileSync(path.join(dataDir, 'postgresql.conf'), `\n# replica\nunix_socket_directories = '${dir}'\nhot_standby = on\n`);
    const port = await startServer({ bin, owner, dir });
    const url = new URL(primary.url);
    url.port = String(port);
    return Object.assign(handle, { url: url.toString(), port });
  } catch (err) {
    await handle.stop();
    throw err;
  }
}

const PGBOUNCER_PATHS = ['/usr/sbin/pgbouncer', '/usr/bin/pgbouncer'];

/**
 * pgbouncer in transaction mode in front of a throwaway cluster: few server connections shared by many clients,
 * as a deployment runs it. Returns {url, port, stop}; the server's password and databases pass through.
 */
export async function startThrowawayPgbouncer(cluster, { poolSize = 4 } = {}) {
  const bin = PGBOUNCER_PATHS.find(isExecutable);
  if (!bin) throw new Error('pgbouncer not found (Debian package pgbouncer)');
  const owner = await ensureOsUser();
  const dir = makeClusterDir({ owner, detached: false });
  const server = new URL(cluster.url);
  const port = await pickFreePort();
  const files = {
    'userlist.txt': `"${decodeURIComponent(server.username)}" "${decodeURIComponent(server.password)}"\n`,
    'pgbouncer.ini': [
      '[databases]',
      `* = host=127.0.0.1 port=${server.port}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      `unix_socket_dir = ${dir}`,
      'auth_type = scram-sha-256',
      `auth_file = ${dir}/userlist.txt`,
      'pool_mode = transaction',
      `default_pool_size = ${poolSize}`,
      'max_client_conn = 500',
      'ignore_startup_parameters = extra_float_digits',
      `logfile = ${dir}/pgbouncer.log`,
      `pidfile = ${dir}/pgbouncer.pid`,
      '',
    ].join('\n'),
  };
  for (const [name, text] of Object.entries(files)) {
    fs.writeFileSync(path.join(dir, name), text, { mode: 0o600 });
    if (owner) fs.chownSync(path.join(dir, name), owner.uid, owner.gid);
  }
  const child = spawn(bin, [path.join(dir, 'pgbouncer.ini')], { stdio: 'ignore', cwd: '/', ...(owner ?? {}) });
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  // a run killed before stop(): the next start reaps the directory and, through the pid file, the process
  for (let i = 0; i < 100 && !(await canConnect(port)); i++) {
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  if (!(await canConnect(port))) {
    const log = fs.existsSync(path.join(dir, 'pgbouncer.log')) ? fs.readFileSync(path.join(dir, 'pgbouncer.log'), 'utf8') : '';
    await stop();
    throw new Error(`pgbouncer did not start:\n${log}`);
  }
  const url = new URL(cluster.url);
  url.port = String(port);
  return { url: url.toString(), port, stop };
}

function canConnect(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' }, () => socket.end(() => resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/** stop every cluster this process started (idempotent; for signal handlers and finally blocks) */
export async function stopAllThrowawayPostgres() {
  await Promise.all([...live].map((h) => h.stop()));
}

async function cli([command, ...dirs]) {
  if (command === 'start') {
    const pg = await startThrowawayPostgres({ detached: true });
    console.error(`pg-throwaway: running in ${pg.dir}; stop it with: node scripts/pg-throwaway.mjs stop ${pg.dir}`);
    console.log(pg.url);
    return;
  }
  if (command === 'stop') {
    const targets = dirs.length > 0 ? dirs.map((d) => path.resolve(d)) : listClusterDirs().filter((d) => readOwnerRecord(d)?.detached || isStale(d));
    for (const dir of targets) {
      if (!path.basename(dir).startsWith(DIR_PREFIX)) throw new Error(`not a throwaway cluster: ${dir}`);
      await destroyCluster(dir);
      console.error(`pg-throwaway: stopped and removed ${dir}`);
    }
    return;
  }
  console.error('usage: node scripts/pg-throwaway.mjs start | stop [DIR...]');
  process.exitCode = 2;
}

if (isMainModule(import.meta.url)) {
  cli(process.argv.slice(2)).catch((err) => {
    console.error(`pg-throwaway: ${err.message}`);
    process.exit(1);
  });
}
