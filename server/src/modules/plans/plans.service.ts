import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import type { createPlanBody, PlanDetail, planListQuery, PlanSummary, updatePlanBody } from '@jinguo/common/plans.schema.ts';
import { requireOrgInScope, requireRole, type Db } from '../../http/access.ts';
import { AppError } from '../../http/app-error.ts';
import type { Actor } from '../../http/types.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { requireEditablePlan, requireUniquePlanTitle, requireVisiblePlan } from './plan-access.ts';
import { describeTargets, toPlanSummary, toTaskView } from './plan-views.ts';
import { deletePlanRow, findPlanRow, insertPlan, listPlanRows, listTargetRowsOnLine, listTaskRows, updatePlanRow, type PlanRow } from './plans.queries.ts';

/**
 * Plans (工作计划): a level's plan for a year, a tree of tasks with targets split down the org tree. Drafts are
 * seen by the plan's org subtree only; issuing a plan shows it to the orgs its targets were split to. Every
 * change writes an audit row in its transaction.
 */
const keyOf = (p: PlanRow) => ({ provinceCode: p.province_code, id: p.id });

export async function listPlans(db: Db, actor: Actor, query: z.infer<typeof planListQuery>): Promise<{ items: PlanSummary[] }> {
  const org = query.orgId ? await requireOrgInScope(db, actor, query.orgId) : null;
  const rows = await listPlanRows(db, { actorPath: actor.orgPath, subtreePath: org?.path ?? actor.orgPath, includeAncestors: !org, year: query.year });
  return { items: rows.map((r) => toPlanSummary(actor, r)) };
}

export async function createPlan(db: Db, actor: Actor, body: z.infer<typeof createPlanBody>): Promise<PlanSummary> {
  requireRole(actor, 'admin', 'staff');
  const org = await requireOrgInScope(db, actor, body.orgId);
  if (org.status !== 'active') throw new AppError('ORG_CLOSED');
  const id = uuidv7();
  return db.transaction().execute(async (trx) => {
    await requireUniquePlanTitle(trx, { orgId: org.id, year: body.year, title: body.title });
    await insertPlan(trx, { province_code: org.province_code, id, org_id: org.id, year: body.year, title: body.title, created_by: actor.userId });
    const plan = await findPlanRow(trx, id);
    const view = toPlanSummary(actor, plan!);
    await recordAudit(trx, actor, { action: 'create', entity: 'plan', entityId: id, orgId: org.id, provinceCode: org.province_code, after: view });
    return view;
  });
}

export async function updatePlan(db: Db, actor: Actor, id: string, body: z.infer<typeof updatePlanBody>, now: Date): Promise<PlanSummary> {
  return db.transaction().execute(async (trx) => {
    const plan = await requireEditablePlan(trx, actor, id);
    if (body.title !== undefined && body.title !== plan.title) await requireUniquePlanTitle(trx, { orgId: plan.org_id, year: plan.year, title: body.title, exceptId: plan.id });
    const before = toPlanSummary(actor, plan);
    const issuing = body.status === 'issued' && plan.status !== 'issued';
    await updatePlanRow(trx, keyOf(plan), {
      title: body.title ?? plan.title,
      status: body.status ?? plan.status,
      issued_at: body.status === 'draft' ? null : issuing ? now : plan.issued_at,
      updated_at: now,
    });
    const after = toPlanSummary(actor, (await findPlanRow(trx, id))!);
    const action = issuing ? 'issue' : 'update';
    await recordAudit(trx, actor, { action, entity: 'plan', entityId: id, orgId: plan.org_id, provinceCode: plan.province_code, before, after });
    return after;
  });
}

export async function deletePlan(db: Db, actor: Actor, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const plan = await requireEditablePlan(trx, actor, id);
    if (plan.status === 'issued') throw new AppError('CONFLICT', { message: '计划已下达，不能删除；请先改回草稿' });
    await deletePlanRow(trx, keyOf(plan));
    await recordAudit(trx, actor, { action: 'delete', entity: 'plan', entityId: id, orgId: plan.org_id, provinceCode: plan.province_code, before: toPlanSummary(actor, plan) });
  });
}

export async function getPlanDetail(db: Db, actor: Actor, id: string, today: string): Promise<PlanDetail> {
  const plan = await requireVisiblePlan(db, actor, id);
  const tasks = await listTaskRows(db, { provinceCode: plan.province_code, planId: plan.id });
  const targets = await listTargetRowsOnLine(db, { provinceCode: plan.province_code, planId: plan.id, actorPath: actor.orgPath });
  const described = await describeTargets(db, actor, targets, new Map(tasks.map((t) => [t.id, t.title])), today);
  return {
    plan: toPlanSummary(actor, plan),
    tasks: tasks.map((t) => toTaskView(t, described.statusOfTask.get(t.id) ?? null)),
    targets: described.views,
    counts: described.counts,
    lagging: described.lagging,
    today,
  };
}
