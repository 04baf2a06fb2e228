import crypto from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import type { App } from '../http/types.ts';
import { createCipher, maskPhone, type PersonalDataCipher } from '../security/personal-data.ts';
import { freshDatabase, type TestDatabase } from '../test/fresh-db.ts';
import { seedDemo, type DemoLogin } from './demo.ts';

const NOW = new Date('2026-03-15T18:30:00Z'); // 2026-03-16 in Shanghai
const ADMIN_PASSWORD = 'Heshun-Demo-2026!';

let database: TestDatabase;
let cipher: PersonalDataCipher;
let logins: DemoLogin[];
let app: App;

beforeAll(async () => {
  database = await freshDatabase();
  cipher = createCipher(crypto.randomBytes(32));
  logins = await seedDemo({ db: database.db, cipher, now: () => NOW }, { adminPassword: ADMIN_PASSWORD });
  app = await buildApp({ db: database.db, dbKind: database.kind, cipher, filesDir: `${database.dataDir}/files`, logLevel: 'silent', now: () => NOW });
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

const rows = async <T>(query: ReturnType<typeof sql<T>>) => (await query.execute(database.db)).rows;

describe('seedDemo', () => {
  it('builds the county tree with new-sector federations, groups and sites', async () => {
    const orgs = await database.db.selectFrom('orgs').select(['kind', 'level', 'name', 'depth', 'path']).execute();
    const count = (pred: (o: (typeof orgs)[number]) => boolean) => orgs.filter(pred).length;
    expect(count((o) => o.level === 'county')).toBe(1);
    expect(count((o) => o.level === 'township')).toBe(9);
    expect(count((o) => o.level === 'village')).toBe(183);
    expect(count((o) => o.kind === 'new_sector')).toBeGreaterThanOrEqual(3);
    expect(orgs.map((o) => o.name)).toEqual(expect.arrayContaining(['和顺县人民医院妇联', '和顺县女企业家协会', '东关村第一村民小组妇女小组']));
    expect(count((o) => o.kind === 'group_member')).toBe(1);
    expect(count((o) => o.kind === 'online_group')).toBe(1);
    expect(count((o) => o.kind === 'women_group' && o.depth === 5)).toBeGreaterThan(0);

    const sites = await rows(sql<{ kind: string; n: number }>`select kind, count(*) as n from sites group by kind`);
    expect(sites.find((s) => s.kind === 'womens_home')?.n).toBeGreaterThan(100);
    expect(sites.find((s) => s.kind === 'micro_home')?.n).toBeGreaterThan(0);
  });

  it('staffs the county as the reform asks and every township and village', async () => {
    const county = await rows(sql<{ role: string; appointment_type: string | null; n: number }>`
      select p.role, p.appointment_type, count(*) as n from positions p join orgs o on o.id = p.org_id
      where o.level = 'county' and p.end_date is null group by 1, 2`);
    const n = (role: string, type: string | null = null) =>
      county.filter((r) => r.role === role && (type === null || r.appointment_type === type)).reduce((s, r) => s + r.n, 0);
    expect(n('chair', 'full_time')).toBe(1);
    expect(n('vice_chair', 'seconded')).toBeGreaterThanOrEqual(1);
    expect(n('vice_chair', 'part_time')).toBeGreaterThanOrEqual(2);
    expect(n('executive')).toBeGreaterThanOrEqual(30);

    const perOrg = await rows(sql<{ level: string; chairs: number; executives: number }>`
      select o.level, count(*) filter (where p.role = 'chair') as chairs, count(*) filter (where p.role = 'executive') as executives
      from orgs o left join positions p on p.org_id = o.id and p.end_date is null
      where o.level in ('township', 'village') group by o.id, o.level`);
    expect(perOrg.every((r) => r.chairs === 1 && r.executives >= 1)).toBe(true);
    expect(perOrg.filter((r) => r.level === 'village').every((r) => r.executives >= 2 && r.executives <= 5)).toBe(true);
  });

  it('stores phone numbers as the people module does: encrypted, masked and fingerprinted', async () => {
    const people = await database.db.selectFrom('persons').select(['name', 'phone_enc', 'phone_masked', 'phone_hash']).execute();
    expect(people.length).toBeGreaterThan(700);
    for (const p of people.slice(0, 50)) {
      const phone = cipher.decrypt(Buffer.from(p.phone_enc!));
      expect(phone).toMatch(/^1[3-9]\d{9}$/);
      expect(p.phone_masked).toBe(maskPhone(phone));
      expect(p.phone_hash).toBe(cipher.fingerprint(phone));
      expect(p.name).toMatch(/^[\u4e00-\u9fa5]{2,3}$/);
    }
  });

  it('records a year of activities up to today in Shanghai', async () => {
    const [span] = await rows(sql<{ first: string; last: string; n: number; low: number; high: number }>`
      select min(date) as first, max(date) as last, count(*) as n, min(participants) as low, max(participants) as high from activities`);
    expect(span.first >= '2025-04-01').toBe(true);
    expect(span.last <= '2026-03-16').toBe(true);
    expect(span.n).toBeGreaterThan(3000);
    expect(span.low).toBeGreaterThanOrEqual(8);
    expect(span.high).toBeLessThanOrEqual(120);
    const [idle] = await rows(sql<{ n: number }>`
      select count(*) as n from orgs o where o.level = 'village' and not exists (select 1 from activities a where a.org_id = o.id)`);
    expect(idle.n).toBe(0);
    const kinds = await rows(sql<{ kind_code: string }>`select distinct kind_code from activities`);
    expect(kinds.length).toBeGreaterThanOrEqual(12);
  });

  it('keeps the rollups equal to a recomputation from the activities', async () => {
    const expected = await rows(sql<{ org_id: string; month: string; kind_code: string; n: number; p: number }>`
      select t.id as org_id, date_trunc('month', a.date)::date as month, a.kind_code, count(*) as n, sum(a.participants) as p
      from orgs t join orgs o on o.path like t.path || '%' join activities a on a.org_id = o.id
      where t.depth <= 3 group by 1, 2, 3 order by 1, 2, 3`);
    const actual = await rows(sql<{ org_id: string; month: string; kind_code: string; n: number; p: number }>`
      select org_id, month, kind_code, activity_count as n, participant_sum as p from activity_rollups order by 1, 2, 3`);
    expect(actual.length).toBeGreaterThan(100);
    expect(actual).toEqual(expected);
  });

  it('returns logins that sign in to their orgs', async () => {
    expect(logins.map((l) => [l.username, l.orgName, l.roleLabel])).toEqual([
      ['admin', '和顺县妇联', '管理员'],
      ['yixing', '义兴镇妇联', '工作人员'],
      ['dongguan', '东关村妇联', '执委'],
    ]);
    expect(logins[0].password).toBe(ADMIN_PASSWORD);
    for (const login of logins) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: login.username, password: login.password } });
      expect(res.statusCode).toBe(200);
      const sid = res.cookies.find((c) => c.name === 'jg_sid')?.value ?? '';
      const me = await app.inject({ method: 'GET', url: '/api/auth/me', cookies: { jg_sid: sid } });
      expect(me.json().org.name).toBe(login.orgName);
    }
  });

  it('refuses a database that already has orgs, and a weak admin password', async () => {
    await expect(seedDemo({ db: database.db, cipher })).rejects.toThrow(/已有组织数据/);
    await expect(seedDemo({ db: database.db, cipher }, { adminPassword: 'admin12345' })).rejects.toThrow(/JINGUO_ADMIN_PASSWORD/);
  });
});
