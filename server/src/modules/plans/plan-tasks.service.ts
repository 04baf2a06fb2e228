import { v7 as uuidv7 } from 'uuid';
import type { CreateTaskBody, TaskView, UpdateTaskBody } from '@jinguo/common/plans.schema.ts';
import { requireOrgInScope, type Db } from '../../http/access.ts';
import { AppError, invalidField } from '../../http/app-error.ts';
import type { Actor } from '../../http/types.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { requireEditablePlan, requireEditableTask } from './plan-access.ts';
import { toTaskView } from './plan-views.ts';
import { deleteTaskRow, findPersonOrg, findTaskRow, insertTask, listTaskRows, nextTaskSort, updateTaskRow, type PlanRow } from './plans.queries.ts';

/** Tasks of a plan: sections and items in a tree, each with an owner org or person, a deadline and free text. */
async function checkOwners(db: Db, actor: Actor, plan: PlanRow, body: Pick<UpdateTaskBody, 'ownerOrgId' | 'ownerPersonId'>) {
  if (body.ownerOrgId && body.ownerPersonId) throw invalidField('body.ownerPersonId', '负责单位与负责人只能选其一');
  if (body.ownerOrgId) await requireOrgInScope(db, actor, body.ownerOrgId);
  if (body.ownerPersonId) {
    const person = await findPersonOrg(db, body.ownerPersonId);
    if (!person || !person.path.startsWith(actor.orgPath)) throw new AppError('OUT_OF_SCOPE', { details: { personId: body.ownerPersonId } });
    if (!person.path.startsWith(plan.org_path)) throw invalidField('body.ownerPersonId', `负责人应为${plan.org_name}或其下级组织的人员`);
  }
}

async function taskViewOf(db: Db, plan: PlanRow, id: string): Promise<TaskView> {
  const rows = await listTaskRows(db, { provinceCode: plan.province_code, planId: plan.id });
  return toTaskView(rows.find((r) => r.id === id)!, null);
}

export async function createTask(db: Db, actor: Actor, body: CreateTaskBody): Promise<TaskView> {
  return db.transaction().execute(async (trx) => {
    const plan = await requireEditablePlan(trx, actor, body.planId);
    if (body.parentTaskId) {
      const parent = await findTaskRow(trx, body.parentTaskId);
      if (!parent || parent.plan_id !== plan.id) throw new AppError('OUT_OF_SCOPE', { details: { taskId: body.parentTaskId } });
      if (parent.kind !== 'section') throw invalidField('body.parentTaskId', '只能在“部分”之下添加任务');
    }
    await checkOwners(trx, actor, plan, body);
    const id = uuidv7();
    await insertTask(trx, {
      province_code: plan.province_code,
      id,
      plan_id: plan.id,
      parent_id: body.parentTaskId ?? null,
      kind: body.kind,
      title: body.title,
      body: body.body,
      owner_org_id: body.ownerOrgId ?? null,
      owner_person_id: body.ownerPersonId ?? null,
      deadline: body.deadline ?? null,
      sort: body.sort ?? (await nextTaskSort(trx, { provinceCode: plan.province_code, planId: plan.id, parentId: body.parentTaskId ?? null })),
    });
    const view = await taskViewOf(trx, plan, id);
    await recordAudit(trx, actor, { action: 'create', entity: 'plan_task', entityId: id, orgId: plan.org_id, provinceCode: plan.province_code, after: view });
    return view;
  });
}

export async function updateTask(db: Db, actor: Actor, id: string, body: UpdateTaskBody, now: Date): Promise<TaskView> {
  return db.transaction().execute(async (trx) => {
    const { task, plan } = await requireEditableTask(trx, actor, id);
    // naming one owner replaces the other
    const owners = {
      ownerOrgId: body.ownerOrgId !== undefined ? body.ownerOrgId : body.ownerPersonId ? null : task.owner_org_id,
      ownerPersonId: body.ownerPersonId !== undefined ? body.ownerPersonId : body.ownerOrgId ? null : task.owner_person_id,
    };
    await checkOwners(trx, actor, plan, owners);
    const before = await taskViewOf(trx, plan, id);
    await updateTaskRow(trx, { provinceCode: plan.province_code, id }, {
      title: body.title ?? task.title,
      body: body.body === undefined ? task.body : body.body,
      owner_org_id: owners.ownerOrgId ?? null,
      owner_person_id: owners.ownerPersonId ?? null,
      deadline: body.deadline === undefined ? task.deadline : body.deadline,
      sort: body.sort ?? task.sort,
      updated_at: now,
    });
    const after = await taskViewOf(trx, plan, id);
    await recordAudit(trx, actor, { action: 'update', entity: 'plan_task', entityId: id, orgId: plan.org_id, provinceCode: plan.province_code, before, after });
    return after;
  });
}

export async function deleteTask(db: Db, actor: Actor, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const { plan } = await requireEditableTask(trx, actor, id);
    const before = await taskViewOf(trx, plan, id);
    await deleteTaskRow(trx, { provinceCode: plan.province_code, id });
    await recordAudit(trx, actor, { action: 'delete', entity: 'plan_task', entityId: id, orgId: plan.org_id, provinceCode: plan.province_code, before });
  });
}
