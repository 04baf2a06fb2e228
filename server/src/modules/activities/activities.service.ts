import type { z } from 'zod';
import type { activityListQuery, ActivityView, AttachmentView } from '@jinguo/common/activities.schema.ts';
import { periodRange } from '@jinguo/common/periods.ts';
import { requireOrgInScope, type Db } from '../../http/access.ts';
import { AppError, invalidField } from '../../http/app-error.ts';
import type { Actor } from '../../http/types.ts';
import { findVisibleMetric } from '../metrics/metrics.service.ts';
import { findVisibleKind } from './activity-kinds.queries.ts';
import {
  findActivityInSubtree,
  findLastKindRecordedBy,
  listActivityPage,
  listAttachmentsOf,
  listParticipantIds,
  type ActivityFilter,
  type ActivityRow,
} from './activities.queries.ts';

/**
 * Activities: what a unit did, recorded once (often on a phone) and counted by the metrics. Everyone reads the
 * activities of their org's subtree; admins and staff change any of them, executives only those they recorded.
 * Writers (use-cases/) keep activity_rollups in step in the same transaction. This file holds the reads and
 * the access checks the writers share.
 */
export type StoredActivity = ActivityRow;

function actorScope(actor: Actor) {
  return { provinceCode: actor.provinceCode, orgPath: actor.orgPath };
}

export function attachmentUrl(activityId: string, attachmentId: string): string {
  return `/api/activities/${activityId}/attachments/${attachmentId}`;
}

/** the activity if it lies in the actor's subtree, otherwise OUT_OF_SCOPE; `lock` holds the row for a write */
export async function requireActivityInScope(db: Db, actor: Actor, id: string, opts: { lock?: boolean } = {}): Promise<StoredActivity> {
  const row = await findActivityInSubtree(db, actorScope(actor), id, opts);
  if (!row) throw new AppError('OUT_OF_SCOPE', { details: { activityId: id } });
  return row;
}

/** executives change only what they recorded themselves */
export function assertMayChange(actor: Actor, row: StoredActivity): void {
  if (actor.role === 'executive' && row.created_by !== actor.userId) {
    throw new AppError('FORBIDDEN', { message: '执委只能修改或删除自己录入的活动' });
  }
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

async function toActivityViews(db: Db, rows: StoredActivity[]): Promise<ActivityView[]> {
  const participants = new Map<string, string[]>();
  const attachments = new Map<string, AttachmentView[]>();
  for (const [provinceCode, ofProvince] of groupBy(rows, (r) => r.province_code)) {
    const ids = ofProvince.map((r) => r.id);
    for (const [activityId, ps] of groupBy(await listParticipantIds(db, provinceCode, ids), (p) => p.activity_id)) {
      participants.set(activityId, ps.map((p) => p.person_id));
    }
    for (const [activityId, files] of groupBy(await listAttachmentsOf(db, provinceCode, ids), (a) => a.activity_id)) {
      attachments.set(
        activityId,
        files.map((a) => ({ id: a.id, kind: a.kind, fileName: a.file_name, mimeType: a.mime_type, sizeBytes: a.size_bytes, url: attachmentUrl(a.activity_id, a.id) })),
      );
    }
  }
  return rows.map((r) => ({
    id: r.id,
    orgId: r.org_id,
    orgName: r.org_name,
    kindCode: r.kind_code,
    kindName: r.kind_name,
    participantUnit: r.participant_unit,
    title: r.title,
    date: r.date,
    place: r.place,
    participants: r.participants,
    notes: r.notes,
    participantIds: participants.get(r.id) ?? [],
    attachments: attachments.get(r.id) ?? [],
    createdBy: r.created_by,
    updatedAt: new Date(r.updated_at).toISOString(),
  }));
}

export async function getActivity(db: Db, actor: Actor, id: string): Promise<ActivityView> {
  const row = await requireActivityInScope(db, actor, id);
  return (await toActivityViews(db, [row]))[0];
}

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

function dateRangeOf(query: z.infer<typeof activityListQuery>): Pick<ActivityFilter, 'from' | 'toExclusive'> {
  if (query.period) {
    if (query.from || query.to) throw invalidField('query.period', '期间与起止日期只能选其一');
    const { from, to } = periodRange(query.period);
    return { from, toExclusive: to };
  }
  if (query.from && query.to && query.from > query.to) throw invalidField('query.to', '结束日期不能早于开始日期');
  return { from: query.from, toExclusive: query.to ? addDays(query.to, 1) : undefined };
}

/** the kinds to keep: those of the metric (the records behind a figure), narrowed by kindCode */
async function kindCodesOf(db: Db, actor: Actor, query: z.infer<typeof activityListQuery>): Promise<string[] | undefined> {
  let kinds: string[] | undefined;
  if (query.metricCode) kinds = (await findVisibleMetric(db, actor, query.metricCode)).kindCodes;
  if (query.kindCode) kinds = kinds ? kinds.filter((k) => k === query.kindCode) : [query.kindCode];
  return kinds;
}

/** the filter of a list query (the list and its export); null when no activity can match */
export async function activityFilterOf(db: Db, actor: Actor, query: z.infer<typeof activityListQuery>): Promise<ActivityFilter | null> {
  const org = query.orgId ? await requireOrgInScope(db, actor, query.orgId) : { id: actor.orgId, path: actor.orgPath };
  const range = dateRangeOf(query);
  const kindCodes = await kindCodesOf(db, actor, query);
  if (kindCodes?.length === 0) return null;
  return { provinceCode: actor.provinceCode, orgPath: org.path, ...range, kindCodes,
    titleContains: query.q || undefined,
    ownOrgId: query.ownOnly === 'true' ? org.id : undefined,
  };
}

export async function listActivities(db: Db, actor: Actor, query: z.infer<typeof activityListQuery>) {
  const filter = await activityFilterOf(db, actor, query);
  if (!filter) return { items: [], total: 0 };
  const { items, total } = await listActivityPage(db, filter, query);
  return { items: await toActivityViews(db, items), total };
}

/** quick-entry prefill; the last kind counts only if recorded within a year and still usable */
export async function activityDefaults(db: Db, actor: Actor, today: string) {
  const lastKind = await findLastKindRecordedBy(db, actorScope(actor), actor.userId, addDays(today, -366));
  const kind = lastKind ? await findVisibleKind(db, actor.orgPath, lastKind) : undefined;
  return { orgId: actor.orgId, orgName: actor.orgName, kindCode: kind?.active ? kind.code : null, date: today };
}
