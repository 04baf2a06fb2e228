import { v7 as uuidv7 } from 'uuid';
import type { Trx } from '../../http/access.ts';
import { applyRollupDeltas } from '../activities/activity-rollups.queries.ts';
import { listKinds } from '../activities/activity-kinds.service.ts';
import { EARLIEST_ACTIVITY_DATE } from '../activities/use-cases/activity-rules.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { holdProvinceTreeShared } from '../orgs/org-tree-lock.service.ts';
import { insertActivityBatch, listActivityKeys, listSubtreeOrgs, type ActivityColumns } from './import-rows.queries.ts';
import { rowReader } from './import-values.ts';
import { orgLookup, type LookupOrg } from './org-lookup.ts';
import { ImportRejected, yieldEvery, type CheckInput, type WriteInput } from './import-kind.ts';

/**
 * Activities from a ledger: each row names an org of the actor's subtree, an active kind visible there, a title,
 * a day (not after today, not before 2000) and a participant count. A row may not repeat another row of the file
 * or an activity already recorded (same org, day, kind and title). Writing takes the tree lock activity writers
 * take, inserts in batches and moves the rollups once, by the aggregated deltas of all rows.
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

const BATCH = 10_000;
const keyOf = (r: Pick<ActivityRecord, 'orgId' | 'date' | 'kindCode' | 'title'>) => `${r.orgId}|${r.date}|${r.kindCode}|${r.title}`;

function kindResolver(kinds: { code: string; name: string; active: boolean }[]) {
  const byName = new Map<string, { code: string; active: boolean }>();
  for (const k of kinds) {
    byName.set(k.code, k);
    byName.set(k.name, k);
  }
  return byName;
}

export async function checkActivityRows(input: CheckInput): Promise<ActivityRecord[]> {
  const { db, actor, sheet, rows, today, progress } = input;
  const lookup = orgLookup(actor, await listSubtreeOrgs(db, actor));
  const kinds = kindResolver((await listKinds(db, actor)).items);
  const records: ActivityRecord[] = [];
  const firstRowOf = new Map<string, number>();
  for (let i = 0; i < rows.length; i++) {
    await yieldEvery(i, () => progress(i));
    const { number, cells } = rows[i];
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
    if (r.failed || !org || !kind || title === undefined || !date || participants === undefined) continue;
    const record = { row: number, orgId: org.id, kindCode: kind.code, title, date, place: place ?? null, participants, notes: notes ?? null };
    const first = firstRowOf.get(keyOf(record));
    if (first !== undefined) {
      r.fail('title', `与第 ${first} 行重复（同一组织、日期、类型和名称）`);
      continue;
    }
    firstRowOf.set(keyOf(record), number);
    records.push(record);
  }
  progress(rows.length);
  // the write checks against the database under its lock; here only when the file already has problems, so
  // that the list names every bad row at once
  if (sheet.errors.length > 0) await refuseRecorded(input.db, input, records);
  return records;
}

/** rows that repeat an activity already recorded */
async function refuseRecorded(db: CheckInput['db'], input: Pick<CheckInput, 'actor' | 'sheet'>, records: ActivityRecord[]): Promise<void> {
  if (records.length === 0) return;
  let from = records[0].date;
  let to = records[0].date;
  for (const r of records) {
    if (r.date < from) from = r.date;
    if (r.date > to) to = r.date;
  }
  const orgIds = [...new Set(records.map((r) => r.orgId))];
  const existing = new Set((await listActivityKeys(db, { provinceCode: input.actor.provinceCode, orgIds, from, to, titles: [...new Set(records.map((r) => r.title))] })).map((k) => keyOf({ ...k, orgId: k.org_id, kindCode: k.kind_code })));
  for (const r of records) {
    if (existing.has(keyOf(r))) rowReader(input.sheet, r.row, []).fail('title', '系统中已有相同的活动（同一组织、日期、类型和名称）');
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

export async function writeActivities(trx: Trx, input: WriteInput<ActivityRecord>): Promise<number> {
  const { actor, records, sheet, jobId, now } = input;
  await holdProvinceTreeShared(trx, actor.provinceCode);
  // under the lock: the orgs' current paths (for the rollups) and status; a row may have lost its org meanwhile
  const orgs = new Map((await listSubtreeOrgs(trx, actor)).map((o) => [o.id, o]));
  for (const r of records) {
    if (orgs.get(r.orgId)?.status !== 'active') rowReader(sheet, r.row, []).fail('org', '组织已撤销或已移出管辖范围');
  }
  await refuseRecorded(trx, input, records);
  if (sheet.errors.length > 0) throw new ImportRejected();
  for (let i = 0; i < records.length; i += BATCH) {
    const batch = records.slice(i, i + BATCH);
    await insertActivityBatch(trx, { provinceCode: actor.provinceCode, createdBy: actor.userId, importId: jobId, now }, columnsOf(batch));
    input.progress(i + batch.length);
  }
  const pathOf = new Map([...orgs.values()].map((o) => [o.id, o.path]));
  // one delta per row: applyRollupDeltas sums them per (ancestor, month, kind) and writes them in one statement
  const provinceCode = actor.provinceCode;
  await applyRollupDeltas(trx, records.map((r) => ({ orgPath: pathOf.get(r.orgId)!, provinceCode, date: r.date, kindCode: r.kindCode, count: 1, participants: r.participants })));
  const participants = records.reduce((s, r) => s + r.participants, 0);
  await recordAudit(trx, actor, {
    action: 'import',
    entity: 'activity',
    entityId: jobId,
    orgId: actor.orgId,
    provinceCode: actor.provinceCode,
    after: { fileName: input.fileName, activities: records.length, participants, orgs: new Set(records.map((r) => r.orgId)).size },
  });
  return records.length;
}
