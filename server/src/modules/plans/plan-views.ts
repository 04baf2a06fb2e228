import type { LaggingItem, PlanSummary, ProgressStatus, ProgressView, TargetView, TaskView } from '@jinguo/common/plans.schema.ts';
import type { Db } from '../../http/access.ts';
import type { Actor } from '../../http/types.ts';
import { inSubtreeOf, mayEditOrg, maySplit } from './plan-access.ts';
import { laggingItemOf, progressOfTargets, worstStatus } from './plan-progress.ts';
import type { PlanRow, TargetRow, TaskRow } from './plans.queries.ts';

/** Shapes of plans, tasks and targets as the API shows them, with the progress the actor may see. */
const isoOrNull = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function toPlanSummary(actor: Actor, p: PlanRow): PlanSummary {
  return {
    id: p.id,
    orgId: p.org_id,
    orgName: p.org_name,
    year: p.year,
    title: p.title,
    status: p.status,
    issuedAt: isoOrNull(p.issued_at),
    copiedFromId: p.copied_from_id,
    mayEdit: mayEditOrg(actor, p.org_path),
  };
}

export function toTaskView(t: TaskRow, status: ProgressStatus | null): TaskView {
  return {
    id: t.id,
    planId: t.plan_id,
    parentId: t.parent_id,
    kind: t.kind,
    title: t.title,
    body: t.body,
    ownerOrgId: t.owner_org_id,
    ownerOrgName: t.owner_org_name,
    ownerPersonId: t.owner_person_id,
    ownerPersonName: t.owner_person_name,
    deadline: t.deadline,
    sort: t.sort,
    status,
  };
}

export function toTargetView(actor: Actor, t: TargetRow, progress: ProgressView | null, splitTotal: number | null): TargetView {
  return {
    id: t.id,
    planId: t.plan_id,
    taskId: t.task_id,
    orgId: t.org_id,
    orgName: t.org_name,
    parentTargetId: t.parent_target_id,
    metricCode: t.metric_code,
    metricName: t.metric_name,
    metricSource: t.metric_source,
    unit: t.unit,
    value: t.value === null ? null : Number(t.value),
    period: t.period,
    deadline: t.deadline,
    milestoneDoneOn: t.milestone_done_on,
    splitMethod: t.split_method,
    splitBasis: t.split_basis as TargetView['splitBasis'],
    splitTotal,
    progress,
    maySplit: maySplit(actor, t),
  };
}

export type DescribedTargets = { views: TargetView[]; lagging: LaggingItem[]; counts: Record<ProgressStatus, number>; statusOfTask: Map<string, ProgressStatus | null> };

/** views of targets with their progress (only for targets in the actor's subtree), split totals, lagging units; rows come parents first */
export async function describeTargets(db: Db, actor: Actor, rows: TargetRow[], taskTitles: Map<string, string>, today: string): Promise<DescribedTargets> {
  const splitTotals = new Map<string, number>();
  for (const r of rows) {
    if (r.parent_target_id && r.value !== null) splitTotals.set(r.parent_target_id, (splitTotals.get(r.parent_target_id) ?? 0) + Number(r.value));
  }
  const counts: Record<ProgressStatus, number> = { not_started: 0, on_track: 0, behind: 0, done: 0, overdue: 0 };
  const byTask = new Map<string, ProgressStatus[]>();
  const views: TargetView[] = [];
  const lagging: LaggingItem[] = [];
  const tracked = new Set<string>();
  // one grouped query for every target the actor may follow, not one per target
  const progressById = await progressOfTargets(db, rows.filter((r) => inSubtreeOf(actor, r.org_path)), today);
  for (const r of rows) {
    const progress = progressById.get(r.id) ?? null;
    views.push(toTargetView(actor, r, progress, splitTotals.has(r.id) ? Math.round(splitTotals.get(r.id)! * 100) / 100 : null));
    if (!progress) continue;
    counts[progress.status]++;
    // a task's status is that of its targets at the actor's top level; the units below show in the lagging list
    const top = !r.parent_target_id || !tracked.has(r.parent_target_id);
    tracked.add(r.id);
    if (top) byTask.set(r.task_id, [...(byTask.get(r.task_id) ?? []), progress.status]);
    const item = laggingItemOf(r, progress, taskTitles.get(r.task_id) ?? '');
    if (item) lagging.push(item);
  }
  const statusOfTask = new Map([...byTask].map(([taskId, statuses]) => [taskId, worstStatus(statuses)]));
  return { views, lagging, counts, statusOfTask };
}
