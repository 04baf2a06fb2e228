import crypto from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportKind } from '@jinguo/common/imports.schema.ts';
import type { Actor } from '../../http/types.ts';
import { createCipher } from '../../security/personal-data.ts';
import { buildTestTree, unsafeInsertOrg, unsafeInsertUser, type TestTree } from '../../test/factories.ts';
import { freshDatabase, type TestDatabase } from '../../test/fresh-db.ts';
import { ensureSystemKinds } from '../activities/activities.test-fixtures.ts';
import { activitiesImport } from './activities-import.ts';
import { IMPORT_FIELDS } from './import-fields.ts';
import { ImportRejected, type ImportContext, type ImportKindRunner, type RowChecks } from './import-kind.ts';
import type { CellValue } from './import-sheet.ts';
import { orgsImport } from './orgs-import.ts';
import { peopleImport } from './people-import.ts';

/**
 * Between the check of the rows and their write the database may change: the writer, under its locks, checks again
 * what may have changed, lists every row it makes bad and writes nothing.
 */
let d: TestDatabase;
let tree: TestTree;
let actor: Actor;
const cipher = createCipher(crypto.randomBytes(32));

beforeAll(async () => {
  d = await freshDatabase();
  tree = await buildTestTree(d.db);
  await ensureSystemKinds(d.db);
  const user = await unsafeInsertUser(d.db, { username: 'writer_admin', org: tree.county, role: 'admin' });
  actor = {
    userId: user.id,
    username: user.username,
    displayName: user.username,
    role: 'admin',
    orgId: tree.county.id,
    orgName: tree.county.name,
    orgPath: tree.county.path,
    orgDepth: tree.county.depth,
    provinceCode: '14',
    sessionId: 'test',
    csrfToken: 'test',
    mustChangePassword: false,
  };
});
afterAll(() => d.close());

function context(kind: ImportKind): ImportContext {
  const fields = IMPORT_FIELDS[kind];
  const mapping = Object.fromEntries(fields.map((f, i) => [f.field, i]));
  return {
    actor,
    cipher,
    sheet: { fields, mapping, headers: fields.map((f) => f.header), errors: [] },
    today: '2026-03-10',
    jobId: crypto.randomUUID(),
    fileName: '测试.xlsx',
    now: new Date('2026-03-10T02:00:00Z'),
  };
}

/** checks the rows (numbered from 2, as under a header), lets `meanwhile` change the database, then writes */
async function checkThenWrite<R, C extends RowChecks<R>>(kind: ImportKindRunner<R, C>, ctx: ImportContext, rows: CellValue[][], meanwhile: () => Promise<void>) {
  const checks = await kind.checks(d.db, ctx);
  const records = rows.map((cells, i) => checks.row(i + 2, cells)).filter((r): r is R => r !== undefined);
  await checks.againstDatabase(d.db, records);
  expect(ctx.sheet.errors).toEqual([]);
  await meanwhile();
  const outcome = await d.db
    .transaction()
    .execute(async (trx) => {
      const writer = await kind.writer(trx, ctx, checks);
      // one record per chunk: the later chunks are checked too, after the first one failed
      for (const r of records) await writer.write([r]);
      if (ctx.sheet.errors.length > 0) throw new ImportRejected();
      return writer.finish();
    })
    .catch((err: unknown) => (err instanceof ImportRejected ? 'rejected' : Promise.reject(err)));
  return { outcome, errors: ctx.sheet.errors.map((e) => `${e.row} ${e.column}:${e.message}`) };
}

describe('what changed between the check and the write', () => {
  it('refuses activities whose org was closed, whose kind was stopped, or that were recorded meanwhile', async () => {
    const village = await unsafeInsertOrg(d.db, { parent: tree.townA, segment: '291', name: '将撤销村妇联' });
    await sql`insert into activity_kinds (code, name, participant_unit) values ('import_w_kind', '待停用类型', '人次')`.execute(d.db);
    const ctx = context('activities');
    const { outcome, errors } = await checkThenWrite(activitiesImport, ctx, [
      ['将撤销村妇联', '巾帼大宣讲', '写前撤销', '2026-03-01', null, 10, null],
      ['东关村妇联', '待停用类型', '写前停用', '2026-03-01', null, 10, null],
      ['东关村妇联', '巾帼大宣讲', '写前已录', '2026-03-01', null, 10, null],
      ['东关村妇联', '巾帼大宣讲', '写前正常', '2026-03-02', null, 10, null],
    ], async () => {
      await sql`update orgs set status = 'closed' where id = ${village.id}::uuid`.execute(d.db);
      await sql`update activity_kinds set active = false where code = 'import_w_kind'`.execute(d.db);
      await sql`insert into activities (province_code, id, org_id, kind_code, title, date, participants)
                values ('14', gen_random_uuid(), ${tree.villageA1.id}::uuid, 'outreach_lecture', '写前已录', '2026-03-01', 3)`.execute(d.db);
    });
    expect(outcome).toBe('rejected');
    expect(errors).toEqual([
      '2 组织:组织已撤销或已移出管辖范围',
      '3 活动类型:活动类型已停用',
      '4 活动名称:系统中已有相同的活动（同一组织、日期、类型和名称）',
    ]);
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from activities where title like '写前%' and import_id is not null`.execute(d.db);
    expect(rows[0].n).toBe(0);
  });

  it('refuses a person whose ID number was registered meanwhile', async () => {
    const ctx = context('people');
    const idNumber = '11010519491231002X';
    const { outcome, errors } = await checkThenWrite(peopleImport, ctx, [
      ['东关村妇联', '写前甲', '女', null, null, null, null, null, null, null],
      ['东关村妇联', '写前乙', '女', null, null, null, null, null, idNumber, null],
    ], async () => {
      await sql`insert into persons (province_code, id, org_id, name, id_number_hash) values ('14', gen_random_uuid(), ${tree.villageA2.id}::uuid, '先登记者', ${cipher.fingerprint(idNumber)})`.execute(d.db);
    });
    expect(outcome).toBe('rejected');
    expect(errors).toEqual(['3 身份证号:该身份证号已登记在“先登记者”名下，请勿重复录入']);
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from persons where name like '写前%'`.execute(d.db);
    expect(rows[0].n).toBe(0);
  });

  it('refuses orgs under a parent closed meanwhile, but not under a parent the file makes', async () => {
    const ctx = context('orgs');
    const { outcome, errors } = await checkThenWrite(orgsImport, ctx, [
      ['东关村妇联', '写前妇女小组', '妇女小组'],
      ['东关村妇联/写前妇女小组', '写前组员', '妇女小组'],
      ['西关村妇联', '写前网上妇联', '网上妇联组织'],
    ], async () => {
      await sql`update orgs set status = 'closed' where id = ${tree.villageA1.id}::uuid`.execute(d.db);
    });
    await sql`update orgs set status = 'active' where id = ${tree.villageA1.id}::uuid`.execute(d.db);
    expect(outcome).toBe('rejected');
    expect(errors).toEqual(['2 上级组织:上级组织已撤销或已移出管辖范围']);
  });

  it('writes when nothing changed, chunk by chunk, with the rollups moved once', async () => {
    const ctx = context('activities');
    const { outcome, errors } = await checkThenWrite(activitiesImport, ctx, [
      ['东关村妇联', '巾帼大宣讲', '分块一', '2026-03-03', null, 10, null],
      ['西关村妇联', '巾帼大宣讲', '分块二', '2026-03-03', null, 20, null],
    ], async () => {});
    expect(errors).toEqual([]);
    expect(outcome).toBe(2);
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from activities where import_id = ${ctx.jobId}::uuid`.execute(d.db);
    expect(rows[0].n).toBe(2);
  });
});
