import crypto from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import type { Insertable } from 'kysely';
import { orgKindLabels } from '@jinguo/common/labels.zh-CN.ts';
import type { OrgKind, OrgsTable } from '../../db/database.ts';
import { AppError } from '../../http/app-error.ts';
import type { Trx } from '../../http/access.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { holdProvinceTreeExclusive } from '../orgs/org-tree-lock.service.ts';
import { insertOrgBatch, listActiveChildNames, listSubtreeOrgs, listTakenPaths } from './import-rows.queries.ts';
import { rowReader, type RowReader } from './import-values.ts';
import { orgLookup, type LookupOrg } from './org-lookup.ts';
import { ImportRejected, yieldEvery, type CheckInput, type WriteInput } from './import-kind.ts';

/**
 * Orgs of the kinds people create (new-sector federations, women's groups, online groups, group members; the
 * administrative federations come from division codes): each row names its parent — an active org of the
 * actor's subtree, or an org made by an earlier row of the same file — a name unused among the parent's active
 * children, and a kind. Writing takes the tree's exclusive lock, as every change of the tree does.
 */
type OrgRecord = { row: number; id: string; parentId: string; name: string; kind: Exclude<OrgKind, 'federation'> };

const CREATABLE = ['new_sector', 'women_group', 'online_group', 'group_member'] as const;
const KIND_NAMES = new Map<string, OrgRecord['kind']>(CREATABLE.flatMap((k) => [[orgKindLabels[k], k], [k, k]] as const));
KIND_NAMES.set('网上妇联', 'online_group');
KIND_NAMES.set('新领域', 'new_sector');

function kindOf(r: RowReader): OrgRecord['kind'] | undefined {
  const v = r.requiredText('kind', 20);
  if (v === undefined) return undefined;
  const kind = KIND_NAMES.get(v);
  if (kind) return kind;
  if (v === '妇联' || v === 'federation') return r.fail('kind', '行政区划妇联由区划代码生成，不能导入');
  return r.fail('kind', `组织类型应为 ${CREATABLE.map((k) => orgKindLabels[k]).join('、')} 之一（现为“${v}”）`);
}

function parentOf(r: RowReader, lookup: ReturnType<typeof orgLookup>): LookupOrg | undefined {
  const ref = r.requiredText('parent', 200);
  if (ref === undefined) return undefined;
  const found = lookup.resolve(ref);
  if ('problem' in found) return r.fail('parent', found.problem);
  if (found.org.status === 'closed') return r.fail('parent', `上级组织“${found.org.name}”已撤销，不能在其下添加组织`);
  return found.org;
}

export async function checkOrgRows(input: CheckInput): Promise<OrgRecord[]> {
  const { db, actor, sheet, rows, progress } = input;
  const lookup = orgLookup(actor, await listSubtreeOrgs(db, actor));
  const records: OrgRecord[] = [];
  const firstRowOf = new Map<string, number>();
  for (let i = 0; i < rows.length; i++) {
    await yieldEvery(i, () => progress(i));
    const r = rowReader(sheet, rows[i].number, rows[i].cells);
    const parent = parentOf(r, lookup);
    const name = r.requiredText('name', 100);
    const kind = kindOf(r);
    if (r.failed || !parent || name === undefined || !kind) continue;
    const first = firstRowOf.get(`${parent.id}|${name}`);
    if (first !== undefined) {
      r.fail('name', `与第 ${first} 行重复（同一上级下的同名组织）`);
      continue;
    }
    firstRowOf.set(`${parent.id}|${name}`, rows[i].number);
    const record: OrgRecord = { row: rows[i].number, id: uuidv7(), parentId: parent.id, name, kind };
    records.push(record);
    // later rows may hang under this one: it is known by its name from now on (its path is made when written)
    lookup.add({ id: record.id, name, path: '', depth: parent.depth + 1, parentId: parent.id, status: 'active', divisionCode: null, provinceCode: parent.provinceCode });
  }
  progress(rows.length);
  await refuseTakenNames(db, input, records);
  return records;
}

async function refuseTakenNames(db: CheckInput['db'], input: Pick<CheckInput, 'sheet'>, records: OrgRecord[]): Promise<void> {
  const taken = new Set((await listActiveChildNames(db, [...new Set(records.map((r) => r.parentId))])).map((c) => `${c.parent_id}|${c.name}`));
  for (const r of records) {
    if (taken.has(`${r.parentId}|${r.name}`)) rowReader(input.sheet, r.row, []).fail('name', `上级组织下已有名为“${r.name}”的组织`);
  }
}

const randomSegment = () => `x${crypto.randomInt(36 ** 6).toString(36).padStart(6, '0')}`;

/** paths for the new orgs, parents first, each unused; new parents' paths come from earlier rows */
async function pathsFor(trx: Trx, records: OrgRecord[], existing: Map<string, LookupOrg>): Promise<Map<string, { path: string; depth: number; provinceCode: string }>> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const made = new Map<string, { path: string; depth: number; provinceCode: string }>();
    for (const r of records) {
      const parent = existing.get(r.parentId) ?? made.get(r.parentId);
      if (!parent) throw new AppError('CONFLICT');
      made.set(r.id, { path: `${parent.path}${randomSegment()}.`, depth: parent.depth + 1, provinceCode: parent.provinceCode });
    }
    const paths = [...made.values()].map((m) => m.path);
    if (new Set(paths).size === paths.length && (await listTakenPaths(trx, paths)).size === 0) return made;
  }
  throw new AppError('CONFLICT');
}

export async function writeOrgs(trx: Trx, input: WriteInput<OrgRecord>): Promise<number> {
  const { actor, records, sheet, now } = input;
  await holdProvinceTreeExclusive(trx, actor.provinceCode);
  const existing = new Map((await listSubtreeOrgs(trx, actor)).map((o) => [o.id, o]));
  const fresh = new Set(records.map((r) => r.id));
  for (const r of records) {
    if (!fresh.has(r.parentId) && existing.get(r.parentId)?.status !== 'active') rowReader(sheet, r.row, []).fail('parent', '上级组织已撤销或已移出管辖范围');
  }
  await refuseTakenNames(trx, input, records.filter((r) => !fresh.has(r.parentId)));
  if (sheet.errors.length > 0) throw new ImportRejected();
  const placed = await pathsFor(trx, records, existing);
  const rows: Insertable<OrgsTable>[] = records.map((r) => {
    const p = placed.get(r.id)!;
    return { id: r.id, parent_id: r.parentId, path: p.path, depth: p.depth, kind: r.kind, level: null, name: r.name, division_code: null, province_code: p.provinceCode, import_id: input.jobId, created_at: now, updated_at: now };
  });
  await insertOrgBatch(trx, rows);
  input.progress(records.length);
  const byKind = Object.fromEntries(CREATABLE.map((k) => [k, records.filter((r) => r.kind === k).length]));
  await recordAudit(trx, actor, {
    action: 'import',
    entity: 'org',
    entityId: input.jobId,
    orgId: actor.orgId,
    provinceCode: actor.provinceCode,
    after: { fileName: input.fileName, orgs: records.length, byKind },
  });
  return records.length;
}
