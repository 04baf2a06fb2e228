import { v7 as uuidv7 } from 'uuid';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { TestOrg } from '../../test/factories.ts';

/** Test data for the activities tests, written straight to the tables. */
const systemKinds: [string, string, '人' | '人次'][] = [
  ['study_session', '集中学习', '人次'],
  ['outreach_lecture', '巾帼大宣讲', '人次'],
  ['training', '培训', '人次'],
  ['exec_training', '执委培训', '人次'],
  ['volunteer_service', '志愿服务', '人次'],
  ['health_screening', '两癌筛查', '人'],
  ['other', '其他', '人次'],
];

/** the system kinds the tests use, in case the default-definitions migration has not put them there */
export async function ensureSystemKinds(db: Kysely<Database>) {
  await db
    .insertInto('activity_kinds')
    .values(systemKinds.map(([code, name, participant_unit], i) => ({ code, name, participant_unit, owner_org_id: null, sort: i })))
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
}

export async function unsafeInsertPerson(db: Kysely<Database>, org: TestOrg, name: string): Promise<string> {
  const id = uuidv7();
  await db.insertInto('persons').values({ province_code: org.path.slice(0, 2), id, org_id: org.id, name }).execute();
  return id;
}

export async function unsafeInsertMetric(db: Kysely<Database>, m: { code: string; kindCodes: string[]; ownerOrgId?: string | null; aggregation?: 'count_activities' | 'sum_participants' }) {
  await db
    .insertInto('metrics')
    .values({
      code: m.code,
      name: `测试指标 ${m.code}`,
      unit: '场',
      source: 'derived',
      aggregation: m.aggregation ?? 'count_activities',
      kind_codes: m.kindCodes,
      owner_org_id: m.ownerOrgId ?? null,
    })
    .execute();
}

export type RollupRow = { province_code: string; org_id: string; month: string; kind_code: string; activity_count: number; participant_sum: number };

export async function readRollups(db: Kysely<Database>): Promise<RollupRow[]> {
  const { rows } = await sql<RollupRow>`
    select province_code, org_id::text, month, kind_code, activity_count, participant_sum::int8 as participant_sum
    from activity_rollups order by province_code, org_id, month, kind_code`.execute(db);
  return rows;
}

/** the rollups recomputed the plainest way: every org at depth <= 3 and every activity of its subtree */
export async function recomputeRollups(db: Kysely<Database>): Promise<RollupRow[]> {
  const { rows } = await sql<RollupRow>`
    select a.province_code, t.id::text as org_id, to_char(a.date, 'YYYY-MM-01') as month, a.kind_code,
           count(*)::int as activity_count, sum(a.participants)::int8 as participant_sum
    from orgs t
    join orgs o on starts_with(o.path, t.path)
    join activities a on a.org_id = o.id
    where t.depth <= 3
    group by a.province_code, t.id, to_char(a.date, 'YYYY-MM-01'), a.kind_code
    order by 1, 2, 3, 4`.execute(db);
  return rows;
}

/** a multipart/form-data body with one file field, built by the platform's own encoder */
export async function multipartFile(opts: { field?: string; fileName: string; contentType: string; data: Buffer }) {
  const form = new FormData();
  form.append(opts.field ?? 'file', new Blob([new Uint8Array(opts.data)], { type: opts.contentType }), opts.fileName);
  const res = new Response(form);
  return { payload: Buffer.from(await res.arrayBuffer()), headers: { 'content-type': res.headers.get('content-type')! } };
}

export const PNG_BYTES = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('fake png body')]);
export const PDF_BYTES = Buffer.from('%PDF-1.4\n%fake pdf\n');
export const JPEG_BYTES = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('jfif body')]);
export const WEBP_BYTES = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x10, 0, 0, 0]), Buffer.from('WEBPVP8 body')]);
