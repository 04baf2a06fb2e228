import { v7 as uuidv7 } from 'uuid';
import type { Db, Trx } from '../../http/access.ts';
import { rollupSums } from '../activities/activity-rollups.queries.ts';
import { listKinds } from '../activities/activity-kinds.service.ts';
import { EARLIEST_ACTIVITY_DATE } from '../activities/use-cases/activity-rules.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { holdProvinceTreeShared } from '../orgs/org-tree-lock.service.ts';
import { insertActivityBatch, listActivityKeys, listSubtreeOrgs, type ActivityColumns } from './import-rows.queries.ts';
import { firstRecords } from './first-rows.ts';
import { rowReader } from './import-values.ts';
import { orgLookup, type LookupOrg } from './org-lookup.ts';
import type { ChunkWriter, ImportContext, ImportKindRunner, RowChecks } from './import-kind.ts';

/**
 * Activities from a ledger: each row names an org of the actor's subtree, an active kind visible there, a title,
 * a day (not after today, not before 2000) and a participant count. A row may not repeat another row of the file
 * or an activity already recorded (same org, day, kind and title).
 */
type ActivityRecord = {
  row: number;
  orgId: string;
  kindCode: string;
  title: string;
  date: string;
  place: string | null;
  participants: number;
  notes: string | null;
};

/** what makes two activities the same */
const keyFields = (r: Pick<ActivityRecord, 'orgId' | 'date' | 'kindCode' | 'title'>) => [r.orgId, r.date, r.kindCode, r.title] as const;
const keyOf = (r: Pick<ActivityRecord, 'orgId' | 'date' | 'kindCode' | 'title'>) => keyFields(r).join('|');

type KindsByName = Map<string, { code: string; active: boolean }>;

function kindResolver(kinds: { code: string; name: string; active: boolean }[]): KindsByName {
  const byName: KindsByName = new Map();
  for (const k of kinds) {
    byName.set(k.code, k);
    byName.set(k.name, k);
  }
  return byName;
}

/** the checks of one pass, against these orgs of the actor's subtree and kinds */
function activityChecks(ctx: ImportContext, orgs: LookupOrg[], kinds: KindsByName): RowChecks<ActivityRecord> {
  const { sheet, today } = ctx;
  const lookup = orgLookup(ctx.actor, orgs);
  const seen = firstRecords<ActivityRecord>(keyFields);
  return {
    row(number, cells) {
      const r = rowReader(sheet, number, cells);
      const orgRef = r.requiredText('org', 200);
      const found = orgRef === undefined ? undefined : lookup.resolve(orgRef);
      let org: LookupOrg | undefined;
      if (found && 'problem' in found) r.fail('org', found.problem);
      else if (found?.org.status === 'closed') r.fail('org', `组织“${found.org.name}”已撤销，不能再录入活动`);
      else org = found?.org;
      const kindRef = r.requiredText('kind', 30);
      const kind = kindRef === undefined ? undefined : kinds.get(kindRef);
      if (kindRef !== undefined && !kind) r.fail('kind', `没有名为“${kindRef}”的活动类型`);
      else if (kind && !kind.active) r.fail('kind', `活动类型“${kindRef}”已停用`);
      const title = r.requiredText('title', 100);
      const date = r.day('date');
      if (date && date > today) r.fail('date', `活动日期 ${date} 晚于今天`);
      if (date && date < EARLIEST_ACTIVITY_DATE) r.fail('date', '活动日期不能早于 2000 年');
      const place = r.text('place', 100, false);
      const participants = r.count('participants', 100_000);
      const notes = r.text('notes', 2000, false);
      if (r.failed || !org || !kind || title === undefined || !date || participants === undefined) return undefined;
      const record = { row: number, orgId: org.id, kindCode: kind.code, title, date, place: place ?? null, participants, notes: notes ?? null };
      const first = seen.earlier(record);
      return first ? r.fail('title', `与第 ${first.row} 行重复（同一组织、日期、类型和名称）`) : record;
    },
    againstDatabase: (db, records) => refuseRecorded(db, ctx, records),
  };
}

async function loadChecks(db: Db, ctx: ImportContext): Promise<RowChecks<ActivityRecord>> {
  return activityChecks(ctx, await listSubtreeOrgs(db, ctx.actor), kindResolver((await listKinds(db, ctx.actor)).items));
}

/** rows that repeat an activity already recorded */
async function refuseRecorded(db: Db, ctx: Pick<ImportContext, 'actor' | 'sheet'>, records: ActivityRecord[]): Promise<void> {
  if (records.length === 0) return;
  let from = records[0].date;
  let to = records[0].date;
  for (const r of records) {
    if (r.date < from) from = r.date;
    if (r.date > to) to = r.date;
  }
  const orgIds = [...new Set(records.map((r) => r.orgId))];
  const titles = [...new Set(records.map((r) => r.title))];
  const keys = await listActivityKeys(db, { provinceCode: ctx.actor.provinceCode, orgIds, from, to, titles });
  const existing = new Set(keys.map((k) => keyOf({ orgId: k.org_id, date: k.date, kindCode: k.kind_code, title: k.title })));
  for (const r of records) {
    if (existing.has(keyOf(r))) rowReader(ctx.sheet, r.row, []).fail('title', '系统中已有相同的活动（同一组织、日期、类型和名称）');
  }
}

function columnsOf(records: ActivityRecord[]): ActivityColumns {
  return {
    ids: records.map(() => uuidv7()),
    orgIds: records.map((r) => r.orgId),
    kindCodes: records.map((r) => r.kindCode),
    titles: records.map((r) => r.title),
    dates: records.map((r) => r.date),
    places: records.map((r) => r.place),
    participants: records.map((r) => r.participants),
    notes: records.map((r) => r.notes),
  };
}

/**
 * under the tree lock activity writers take, against the orgs and kinds as they are now: inserts chunk by chunk and
 * moves the rollups once, by the summed deltas
 */
async function activityWriter(trx: Trx, ctx: ImportContext): Promise<ChunkWriter<ActivityRecord>> {
  const { actor, jobId, now, sheet } = ctx;
  await holdProvinceTreeShared(trx, actor.provinceCode);
  const orgs = new Map((await listSubtreeOrgs(trx, actor)).map((o) => [o.id, o]));
  const kinds = kindResolver((await listKinds(trx, actor)).items);
  const sums = rollupSums();
  const orgIds = new Set<string>();
  let written = 0;
  let participants = 0;
  return {
    async write(records) {
      for (const r of records) {
        if (orgs.get(r.orgId)?.status !== 'active') rowReader(sheet, r.row, []).fail('org', '组织已撤销或已移出管辖范围');
        else if (!kinds.get(r.kindCode)?.active) rowReader(sheet, r.row, []).fail('kind', '活动类型已停用');
      }
      await refuseRecorded(trx, ctx, records);
      if (sheet.errors.length > 0) return;
      await insertActivityBatch(trx, { provinceCode: actor.provinceCode, createdBy: actor.userId, importId: jobId, now }, columnsOf(records));
      for (const r of records) {
        sums.add({ orgPath: orgs.get(r.orgId)!.path, provinceCode: actor.provinceCode, date: r.date, kindCode: r.kindCode, count: 1, participants: r.participants });
        participants += r.participants;
        orgIds.add(r.orgId);
      }
      written += records.length;
    },
    async finish() {
      await sums.apply(trx);
      await recordAudit(trx, actor, {
        action: 'import',
        entity: 'activity',
        entityId: jobId,
        orgId: actor.orgId,
        provinceCode: actor.provinceCode,
        after: { fileName: ctx.fileName, activities: written, participants, orgs: orgIds.size },
      });
      return written;
    },
  };
}

export const activitiesImport: ImportKindRunner<ActivityRecord> = { chunkRows: 5000, checks: loadChecks, writer: activityWriter };
