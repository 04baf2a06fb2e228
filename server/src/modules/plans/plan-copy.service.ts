import { v7 as uuidv7 } from 'uuid';
import type { Insertable } from 'kysely';
import type { PlanSummary } from '@jinguo/common/plans.schema.ts';
import type { PlanTasksTable, TargetsTable } from '../../db/database.ts';
import type { Db } from '../../http/access.ts';
import { AppError, invalidField } from '../../http/app-error.ts';
import type { Actor } from '../../http/types.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { requireEditablePlan, requireUniquePlanTitle } from './plan-access.ts';
import { toPlanSummary } from './plan-views.ts';
import { findPlanRow, insertPlan, insertTargets, insertTask, listPlanTargets, listTaskRows, type TaskRow } from './plans.queries.ts';

/**
 * Copy last year's plan as a start for the new one: the task tree and every target (the parts split down the
 * tree included), with periods and deadlines moved by the years between, values kept, milestones not done, as a
 * draft. The copy remembers its source.
 */
export function shiftDay(day: string, years: number): string {
  const y = Number(day.slice(0, 4)) + years;
  const md = day.slice(5);
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return `${y}-${md === '02-29' && !leap ? '02-28' : md}`;
}

export function shiftPeriod(period: string, years: number): string {
  return `${Number(period.slice(0, 4)) + years}${period.slice(4)}`;
}

/** tasks ordered so that every parent comes before its children */
function parentsFirst(tasks: TaskRow[]): TaskRow[] {
  const done = new Set<string>();
  const out: TaskRow[] = [];
  let rest = tasks;
  while (rest.length > 0) {
    const ready = rest.filter((t) => !t.parent_id || done.has(t.parent_id));
    if (ready.length === 0) break;
    for (const t of ready) done.add(t.id);
    out.push(...ready);
    rest = rest.filter((t) => !done.has(t.id));
  }
  return out;
}

/** targets ordered so that every target comes after the one it was split from */
function partsAfterParents<T extends { id: string; parent_target_id: string | null }>(targets: T[]): T[] {
  const done = new Set<string>();
  const out: T[] = [];
  let rest = targets;
  while (rest.length > 0) {
    const ready = rest.filter((t) => !t.parent_target_id || done.has(t.parent_target_id));
    if (ready.length === 0) break;
    for (const t of ready) done.add(t.id);
    out.push(...ready);
    rest = rest.filter((t) => !done.has(t.id));
  }
  return out;
}

export async function copyPlan(db: Db, actor: Actor, id: string, body: { year?: number }): Promise<PlanSummary> {
  return db.transaction().execute(async (trx) => {
    const source = await requireEditablePlan(trx, actor, id);
    const year = body.year ?? source.year + 1;
    const years = year - source.year;
    if (years === 0) throw invalidField('body.year', '新计划的年度应与原计划不同');
    const newId = uuidv7();
    const key = { province_code: source.province_code, plan_id: newId };
    const title = source.title.replaceAll(String(source.year), String(year));
    await requireUniquePlanTitle(trx, { orgId: source.org_id, year, title });
    await insertPlan(trx, { province_code: source.province_code, id: newId, org_id: source.org_id, year, title, copied_from_id: source.id, created_by: actor.userId });
    const taskIds = new Map<string, string>();
    for (const t of parentsFirst(await listTaskRows(trx, { provinceCode: source.province_code, planId: source.id }))) {
      taskIds.set(t.id, uuidv7());
      const row: Insertable<PlanTasksTable> = {
        ...key,
        id: taskIds.get(t.id)!,
        parent_id: t.parent_id ? taskIds.get(t.parent_id)! : null,
        kind: t.kind,
        title: t.title,
        body: t.body,
        owner_org_id: t.owner_org_id,
        owner_person_id: t.owner_person_id,
        deadline: t.deadline ? shiftDay(t.deadline, years) : null,
        sort: t.sort,
      };
      await insertTask(trx, row);
    }
    const sourceTargets = await listPlanTargets(trx, { provinceCode: source.province_code, planId: source.id });
    const targetIds = new Map(sourceTargets.map((t) => [t.id, uuidv7()]));
    const rows: Insertable<TargetsTable>[] = partsAfterParents(sourceTargets).map((t) => ({
      ...key,
      id: targetIds.get(t.id)!,
      task_id: taskIds.get(t.task_id)!,
      org_id: t.org_id,
      parent_target_id: t.parent_target_id ? targetIds.get(t.parent_target_id)! : null,
      metric_code: t.metric_code,
      value: t.value,
      period: shiftPeriod(t.period, years),
      deadline: shiftDay(t.deadline, years),
      split_method: t.split_method,
      split_basis: t.split_basis,
    }));
    if (rows.some((r) => !r.task_id)) throw new AppError('CONFLICT');
    await insertTargets(trx, rows);
    const view = toPlanSummary(actor, (await findPlanRow(trx, newId))!);
    await recordAudit(trx, actor, { action: 'copy', entity: 'plan', entityId: newId, orgId: source.org_id, provinceCode: source.province_code, before: { copiedFrom: source.id }, after: view });
    return view;
  });
}
