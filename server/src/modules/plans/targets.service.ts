import { v7 as uuidv7 } from 'uuid';
import type { CreateTargetBody, TargetDetail, TargetView, UpdateTargetBody } from '@jinguo/common/plans.schema.ts';
import { periodRange } from '@jinguo/common/periods.ts';
import { requireOrgInScope, requireRole, type Db } from '../../http/access.ts';
import { AppError, invalidField } from '../../http/app-error.ts';
import type { Actor } from '../../http/types.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { findVisibleMetric } from '../metrics/metrics.service.ts';
import { mayEditOrg, requireEditablePlan, requireVisibleTarget } from './plan-access.ts';
import { describeTargets } from './plan-views.ts';
import { deleteTargetRows, findTargetRow, findTaskRow, insertTargets, listPartRows, listTargetRowsOnLine, updateTargetRow, type TargetRow } from './plans.queries.ts';

/**
 * Targets: a value of a metric for an org's subtree in a period (or a yes/no milestone), attached to a task. Top
 * targets are set by the plan's org; the parts split from them are changed only by splitting again (see
 * target-split.service.ts), so that they always add up.
 */
async function targetViewOf(db: Db, actor: Actor, id: string, today: string): Promise<TargetView> {
  const row = (await findTargetRow(db, id))!;
  const parts = await listPartRows(db, { provinceCode: row.province_code, id });
  return (await describeTargets(db, actor, [row, ...parts], new Map(), today)).views[0];
}

function checkDeadline(period: string, deadline: string) {
  if (deadline < periodRange(period).from) throw invalidField('body.deadline', '完成期限不能早于目标期间的开始');
}

export async function createTarget(db: Db, actor: Actor, body: CreateTargetBody, today: string): Promise<TargetView> {
  if ((body.metricCode == null) !== (body.value == null)) {
    throw invalidField(body.metricCode == null ? 'body.metricCode' : 'body.value', '数量目标须同时填写指标和目标值；里程碑目标两者都不填');
  }
  checkDeadline(body.period, body.deadline);
  const id = uuidv7();
  return db.transaction().execute(async (trx) => {
    const task = await findTaskRow(trx, body.taskId);
    if (!task) throw new AppError('OUT_OF_SCOPE', { details: { taskId: body.taskId } });
    const plan = await requireEditablePlan(trx, actor, task.plan_id, { taskId: body.taskId });
    const org = await requireOrgInScope(trx, actor, body.orgId);
    if (!org.path.startsWith(plan.org_path)) throw invalidField('body.orgId', '目标的组织应为计划所属组织或其下级');
    if (body.metricCode) {
      const metric = await findVisibleMetric(trx, actor, body.metricCode);
      if (metric.source === 'derived' && metric.kindCodes.length === 0) throw invalidField('body.metricCode', '该指标没有可统计的活动类型');
    }
    await insertTargets(trx, [
      { province_code: plan.province_code, id, plan_id: plan.id, task_id: task.id, org_id: org.id, metric_code: body.metricCode ?? null, value: body.value ?? null, period: body.period, deadline: body.deadline },
    ]);
    const view = await targetViewOf(trx, actor, id, today);
    await recordAudit(trx, actor, { action: 'create', entity: 'target', entityId: id, orgId: org.id, provinceCode: plan.province_code, after: view });
    return view;
  });
}

async function requireEditableTarget(db: Db, actor: Actor, id: string): Promise<TargetRow> {
  requireRole(actor, 'admin', 'staff');
  const { target } = await requireVisibleTarget(db, actor, id);
  if (!mayEditOrg(actor, target.org_path)) throw new AppError('FORBIDDEN', { message: '只能修改本组织及下级组织的目标' });
  return target;
}

export async function updateTarget(db: Db, actor: Actor, id: string, body: UpdateTargetBody, today: string, now: Date): Promise<TargetView> {
  return db.transaction().execute(async (trx) => {
    const target = await requireEditableTarget(trx, actor, id);
    if (body.value !== undefined) {
      if (target.value === null) throw invalidField('body.value', '里程碑目标没有目标值');
      if (target.parent_target_id) throw invalidField('body.value', '分解得到的目标值请在上级目标的“分解”中修改');
      const parts = await listPartRows(trx, { provinceCode: target.province_code, id });
      if (parts.length > 0 && body.value !== Number(target.value)) throw invalidField('body.value', '目标已分解到下级，请先调整分解');
    }
    if (body.milestoneDoneOn !== undefined && target.value !== null) throw invalidField('body.milestoneDoneOn', '只有里程碑目标可以标记完成');
    if (body.deadline) checkDeadline(target.period, body.deadline);
    const before = await targetViewOf(trx, actor, id, today);
    await updateTargetRow(trx, { provinceCode: target.province_code, id }, {
      value: body.value ?? target.value,
      deadline: body.deadline ?? target.deadline,
      milestone_done_on: body.milestoneDoneOn === undefined ? target.milestone_done_on : body.milestoneDoneOn,
      updated_at: now,
    });
    const after = await targetViewOf(trx, actor, id, today);
    await recordAudit(trx, actor, { action: 'update', entity: 'target', entityId: id, orgId: target.org_id, provinceCode: target.province_code, before: { ...before, progress: undefined }, after: { ...after, progress: undefined } });
    return after;
  });
}

export async function deleteTarget(db: Db, actor: Actor, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const target = await requireEditableTarget(trx, actor, id);
    if (target.parent_target_id) throw new AppError('CONFLICT', { message: '分解得到的目标请在上级目标的“分解”中调整' });
    await requireEditablePlan(trx, actor, target.plan_id, { targetId: id });
    await deleteTargetRows(trx, target.province_code, [id]);
    await recordAudit(trx, actor, { action: 'delete', entity: 'target', entityId: id, orgId: target.org_id, provinceCode: target.province_code, before: { metricCode: target.metric_code, value: target.value, period: target.period } });
  });
}

/** a target with its parts (per child org) and the lagging units below it, item by item */
export async function getTargetDetail(db: Db, actor: Actor, id: string, today: string): Promise<TargetDetail> {
  const { target, plan } = await requireVisibleTarget(db, actor, id);
  const onLine = await listTargetRowsOnLine(db, { provinceCode: plan.province_code, planId: plan.id, actorPath: actor.orgPath });
  const below = new Set([id]);
  for (const r of onLine) if (r.parent_target_id && below.has(r.parent_target_id)) below.add(r.id);
  const task = await findTaskRow(db, target.task_id);
  const taskTitle = task?.title ?? '';
  const rows = onLine.filter((r) => below.has(r.id));
  const described = await describeTargets(db, actor, rows, new Map([[target.task_id, taskTitle]]), today);
  return {
    target: described.views.find((v) => v.id === id)!,
    taskTitle,
    parts: described.views.filter((v) => v.parentTargetId === id),
    lagging: described.lagging.filter((l) => l.targetId !== id),
  };
}
