import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../app.ts';
import type { App } from '../http/types.ts';
import { createCipher } from '../security/personal-data.ts';
import { freshDatabase, type TestDatabase } from './fresh-db.ts';
import { buildTestTree, TEST_PASSWORD, unsafeInsertUser, type TestTree } from './factories.ts';

export type Agent = {
  username: string;
  csrfToken: string;
  request: (opts: InjectOptions) => Promise<LightMyRequestResponse>;
  get: (url: string) => Promise<LightMyRequestResponse>;
  post: (url: string, body?: unknown) => Promise<LightMyRequestResponse>;
  patch: (url: string, body?: unknown) => Promise<LightMyRequestResponse>;
  del: (url: string) => Promise<LightMyRequestResponse>;
};

export type TestApp = {
  app: App;
  database: TestDatabase;
  db: TestDatabase['db'];
  tree: TestTree;
  /** users: admin at the county, staff at township A, executive at village A1, admin at the other province */
  users: Record<'countyAdmin' | 'townAStaff' | 'villageA1Exec' | 'townBAdmin' | 'otherAdmin', string>;
  login: (username: string, password?: string) => Promise<Agent>;
  close: () => Promise<void>;
};

/** a fresh database with the test tree and users, and the app on top of it */
export async function buildTestApp(opts: { now?: () => Date; database?: TestDatabase } = {}): Promise<TestApp> {
  const database = opts.database ?? (await freshDatabase());
  const tree = await buildTestTree(database.db);
  const users = {
    countyAdmin: (await unsafeInsertUser(database.db, { username: 'county_admin', org: tree.county, role: 'admin' })).username,
    townAStaff: (await unsafeInsertUser(database.db, { username: 'towna_staff', org: tree.townA, role: 'staff' })).username,
    villageA1Exec: (await unsafeInsertUser(database.db, { username: 'villagea1_exec', org: tree.villageA1, role: 'executive' })).username,
    townBAdmin: (await unsafeInsertUser(database.db, { username: 'townb_admin', org: tree.townB, role: 'admin' })).username,
    otherAdmin: (await unsafeInsertUser(database.db, { username: 'other_admin', org: tree.otherCounty, role: 'admin' })).username,
  };
  const filesDir = path.join(database.dataDir, 'files');
  fs.mkdirSync(filesDir, { recursive: true });
  const app = await buildApp({
    db: database.db,
    dbKind: database.kind,
    dbObserver: database.observer,
    cipher: createCipher(crypto.randomBytes(32)),
    filesDir,
    logLevel: 'silent',
    now: opts.now,
  });

  async function login(username: string, password = TEST_PASSWORD): Promise<Agent> {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
    const cookie = res.cookies.find((c) => c.name === 'jg_sid');
    if (!cookie) throw new Error('no session cookie');
    const cookies = { jg_sid: cookie.value };
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', cookies });
    const csrfToken = (me.json() as { csrfToken: string }).csrfToken;
    const request = (o: InjectOptions) =>
      app.inject({ ...o, cookies: { ...cookies, ...(o.cookies ?? {}) }, headers: { 'x-csrf-token': csrfToken, ...(o.headers ?? {}) } });
    return {
      username,
      csrfToken,
      request,
      get: (url) => request({ method: 'GET', url }),
      post: (url, body) => request({ method: 'POST', url, payload: body as InjectOptions['payload'] }),
      patch: (url, body) => request({ method: 'PATCH', url, payload: body as InjectOptions['payload'] }),
      del: (url) => request({ method: 'DELETE', url }),
    };
  }

  return {
    app,
    database,
    db: database.db,
    tree,
    users,
    login,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}
