import crypto from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import type { Insertable } from 'kysely';
import { orgKindLabels } from '@jinguo/common/labels.zh-CN.ts';
import type { OrgKind, OrgsTable } from '../../db/database.ts';
import { AppError } from '../../http/app-error.ts';
import type { Db, Trx } from '../../http/access.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { holdProvinceTreeExclusive } from '../orgs/org-tree-lock.service.ts';
import { insertOrgBatch, listActiveChildNames, listSubtreeOrgs, listTakenPaths } from './import-rows.queries.ts';
import { rowReader, type RowReader } from './import-values.ts';
import { orgLookup, type LookupOrg } from './org-lookup.ts';
import type { ChunkWriter, ImportContext, ImportKindRunner, RowChecks } from './import-kind.ts';

/**
 * Orgs of the kinds people create (new-sector federations, women's groups, online groups, group members; the
 * administrative federations come from division codes): each row names its parent — an active org of the
 * actor's subtree, or an org made by an earlier row of the same file — a name unused among the parent's active
 * children, and a kind.
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

/** the checks of one pass, against these orgs of the actor's subtree */
function orgChecks(ctx: ImportContext, orgs: LookupOrg[]): RowChecks<OrgRecord> {
  const lookup = orgLookup(ctx.actor, orgs);
  const firstRowOf = new Map<string, number>();
  return {
    row(number, cells) {
      const r = rowReader(ctx.sheet, number, cells);
      const parent = parentOf(r, lookup);
      const name = r.requiredText('name', 100);
      const kind = kindOf(r);
      if (r.failed || !parent || name === undefined || !kind) return undefined;
      const first = firstRowOf.get(`${parent.id}|${name}`);
      if (first !== undefined) return r.fail('name', `与第 ${first} 行重复（同一上级下的同名组织）`);
      firstRowOf.set(`${parent.id}|${name}`, number);
      const record: OrgRecord = { row: number, id: uuidv7(), parentId: parent.id, name, kind };
      // later rows may hang under this one: it is known by its name from now on (its path is made when written)
      lookup.add({ id: record.id, name, path: '', depth: parent.depth + 1, parentId: parent.id, status: 'active', divisionCode: null, provinceCode: parent.provinceCode });
      return record;
    },
    againstDatabase: (db, records) => refuseTakenNames(db, ctx, records),
  };
}

/** rows naming an org its parent already has (a parent made by the file has no children yet) */
async function refuseTakenNames(db: Db, ctx: Pick<ImportContext, 'sheet'>, records: OrgRecord[]): Promise<void> {
  const taken = new Set((await listActiveChildNames(db, [...new Set(records.map((r) => r.parentId))])).map((c) => `${c.parent_id}|${c.name}`));
  for (const r of records) {
    if (taken.has(`${r.parentId}|${r.name}`)) rowReader(ctx.sheet, r.row, []).fail('name', `上级组织下已有名为“${r.name}”的组织`);
  }
}

const randomSegment = () => `x${crypto.randomInt(36 ** 6).toString(36).padStart(6, '0')}`;
type Place = { path: string; depth: number; provinceCode: string };

/** paths for a chunk of new orgs, each unused; a parent is an existing org, or a new one of this or an earlier chunk */
async function pathsFor(trx: Trx, records: OrgRecord[], placeOf: (id: string) => Place | undefined): Promise<Map<string, Place>> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const made = new Map<string, Place>();
    for (const r of records) {
      const parent = placeOf(r.parentId) ?? made.get(r.parentId);
      if (!parent) throw new AppError('CONFLICT');
      made.set(r.id, { path: `${parent.path}${randomSegment()}.`, depth: parent.depth + 1, provinceCode: parent.provinceCode });
    }
    const paths = [...made.values()].map((m) => m.path);
    if (new Set(paths).size === paths.length && (await listTakenPaths(trx, paths)).size === 0) return made;
  }
  throw new AppError('CONFLICT');
}

/** under the tree's exclusive lock, as every change of the tree takes it */
async function orgWriter(trx: Trx, ctx: ImportContext): Promise<ChunkWriter<OrgRecord>> {
  const { actor, now, sheet } = ctx;
  await holdProvinceTreeExclusive(trx, actor.provinceCode);
  const existing = new Map((await listSubtreeOrgs(trx, actor)).map((o) => [o.id, o]));
  const placed = new Map<string, Place>();
  const madeByFile = new Set<string>();
  const byKind = Object.fromEntries(CREATABLE.map((k) => [k, 0]));
  let written = 0;
  return {
    async write(records) {
      // a parent made by the file (in this chunk or an earlier one) is new: only existing ones can have changed
      for (const r of records) madeByFile.add(r.id);
      const underExisting = records.filter((r) => !madeByFile.has(r.parentId));
      for (const r of underExisting) {
        if (existing.get(r.parentId)?.status !== 'active') rowReader(sheet, r.row, []).fail('parent', '上级组织已撤销或已移出管辖范围');
      }
      await refuseTakenNames(trx, ctx, underExisting);
      if (sheet.errors.length > 0) return;
      const made = await pathsFor(trx, records, (id) => existing.get(id) ?? placed.get(id));
      const rows: Insertable<OrgsTable>[] = records.map((r) => {
        const p = made.get(r.id)!;
        placed.set(r.id, p);
        byKind[r.kind]++;
        return { id: r.id, parent_id: r.parentId, path: p.path, depth: p.depth, kind: r.kind, level: null, name: r.name, division_code: null, province_code: p.provinceCode, import_id: ctx.jobId, created_at: now, updated_at: now };
      });
      await insertOrgBatch(trx, rows);
      written += records.length;
    },
    async finish() {
      await recordAudit(trx, actor, {
        action: 'import',
        entity: 'org',
        entityId: ctx.jobId,
        orgId: actor.orgId,
        provinceCode: actor.provinceCode,
        after: { fileName: ctx.fileName, orgs: written, byKind },
      });
      return written;
    },
  };
}

export const orgsImport: ImportKindRunner<OrgRecord> = {
  chunkRows: 1000,
  checks: async (db, ctx) => orgChecks(ctx, await listSubtreeOrgs(db, ctx.actor)),
  writer: orgWriter,
};
