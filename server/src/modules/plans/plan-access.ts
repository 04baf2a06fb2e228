import { requireRole, type Db } from '../../http/access.ts';
import { AppError } from '../../http/app-error.ts';
import type { Actor } from '../../http/types.ts';
import { findPlanRow, findPlanWithTitle, findTargetRow, findTaskRow, type PlanRow, type TargetRow } from './plans.queries.ts';

/**
 * Who sees and changes plans. A plan is readable by its org's subtree (drafts included) and, once issued, by the
 * orgs on the line above (their targets were split to them). Admins and staff change the plans of orgs in their
 * subtree; a target split to a child is split further by the child's admins and staff. Anything else is 404.
 */
export const inSubtreeOf = (actor: Actor, orgPath: string) => orgPath.startsWith(actor.orgPath);
export const onActorLine = (actor: Actor, orgPath: string) => inSubtreeOf(actor, orgPath) || actor.orgPath.startsWith(orgPath);

export function planVisible(actor: Actor, plan: Pick<PlanRow, 'org_path' | 'status'>): boolean {
  return inSubtreeOf(actor, plan.org_path) || (plan.status === 'issued' && actor.orgPath.startsWith(plan.org_path));
}

export function mayEditOrg(actor: Actor, orgPath: string): boolean {
  return actor.role !== 'executive' && inSubtreeOf(actor, orgPath);
}

/** `asked` names what the request named, for the error (never the plan behind a task the actor may not see) */
export async function requireVisiblePlan(db: Db, actor: Actor, id: string, opts: { lock?: boolean; asked?: Record<string, string> } = {}): Promise<PlanRow> {
  const plan = await findPlanRow(db, id, opts);
  if (!plan || !planVisible(actor, plan)) throw new AppError('OUT_OF_SCOPE', { details: opts.asked ?? { planId: id } });
  return plan;
}

/** a plan the actor may change (its tasks and top targets included) */
export async function requireEditablePlan(db: Db, actor: Actor, id: string, asked?: Record<string, string>): Promise<PlanRow> {
  requireRole(actor, 'admin', 'staff');
  const plan = await requireVisiblePlan(db, actor, id, { lock: true, asked });
  if (!mayEditOrg(actor, plan.org_path)) throw new AppError('FORBIDDEN', { message: '只能修改本组织及下级组织的计划' });
  return plan;
}

export async function requireEditableTask(db: Db, actor: Actor, id: string) {
  requireRole(actor, 'admin', 'staff');
  const task = await findTaskRow(db, id);
  if (!task) throw new AppError('OUT_OF_SCOPE', { details: { taskId: id } });
  const plan = await requireVisiblePlan(db, actor, task.plan_id, { asked: { taskId: id } });
  if (!mayEditOrg(actor, plan.org_path)) throw new AppError('FORBIDDEN', { message: '只能修改本组织及下级组织的计划' });
  return { task, plan };
}

/** a target of a plan the actor sees, whose org lies on the actor's line */
export async function requireVisibleTarget(db: Db, actor: Actor, id: string): Promise<{ target: TargetRow; plan: PlanRow }> {
  const target = await findTargetRow(db, id);
  if (!target || !onActorLine(actor, target.org_path)) throw new AppError('OUT_OF_SCOPE', { details: { targetId: id } });
  const plan = await findPlanRow(db, target.plan_id);
  if (!plan || !planVisible(actor, plan)) throw new AppError('OUT_OF_SCOPE', { details: { targetId: id } });
  return { target, plan };
}

/** the actor may split the target (its org is in the actor's subtree) */
export function maySplit(actor: Actor, target: Pick<TargetRow, 'org_path' | 'metric_code'>): boolean {
  return target.metric_code !== null && mayEditOrg(actor, target.org_path);
}

/** an org has one plan of a given title per year */
export async function requireUniquePlanTitle(db: Db, q: { orgId: string; year: number; title: string; exceptId?: string }) {
  if (!(await findPlanWithTitle(db, q))) return;
  const message = `本单位 ${q.year} 年已有标题为“${q.title}”的计划，请换一个标题`;
  throw new AppError('DUPLICATE', { message, fields: [{ path: 'body.title', message }] });
}
