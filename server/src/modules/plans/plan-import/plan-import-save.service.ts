import { v7 as uuidv7 } from 'uuid';
import type { Insertable } from 'kysely';
import type { AddPlanImportBody, ConfirmPlanImportBody, ImportTargetInput, ImportTaskInput, PlanImportResult } from '@jinguo/common/plan-import.schema.ts';
import type { MetricUnit } from '@jinguo/common/units.ts';
import type { TargetsTable } from '../../../db/database.ts';
import { requireOrgInScope, requireRole, type Db, type Trx } from '../../../http/access.ts';
import { AppError, invalidField } from '../../../http/app-error.ts';
import type { Actor } from '../../../http/types.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import { findVisibleMetric, listMetrics } from '../../metrics/metrics.service.ts';
import { addReportedMetric } from '../../reports/report-forms.service.ts';
import { requireEditablePlan, requireUniquePlanTitle } from '../plan-access.ts';
import { toPlanSummary } from '../plan-views.ts';
import { findPlanRow, insertPlan, insertTargets, insertTask, nextTaskSort, type PlanRow } from '../plans.queries.ts';

/**
 * Saving a reviewed plan document: the tasks (a task with children is a section, one without an item) and the
 * confirmed targets, each for the plan's org over the plan's year, are written in one transaction with the new
 * metrics they need (admins only) and one audit row. A new plan is a draft; an existing plan must be a draft.
 */
type Content = AddPlanImportBody;

/** keys unique, parents named before their children, targets on listed tasks, one metric each */
function checkContent(c: Content, actor: Actor) {
  const seen = new Set<string>();
  c.tasks.forEach((t, i) => {
    if (seen.has(t.key)) throw invalidField(`body.tasks.${i}.key`, `任务编号 ${t.key} 重复`);
    if (t.parentKey && !seen.has(t.parentKey)) throw invalidField(`body.tasks.${i}.parentKey`, '上级任务应排在此任务之前');
    seen.add(t.key);
  });
  c.targets.forEach((g, i) => {
    if (!seen.has(g.taskKey)) throw invalidField(`body.targets.${i}.taskKey`, `目标所属任务 ${g.taskKey} 不在任务列表中`);
    if (!g.metricCode === !g.newMetric) throw invalidField(`body.targets.${i}.metricCode`, '每个目标须选择一个已有指标，或填写一个新指标（二选一）');
  });
  const newMetricAt = c.targets.findIndex((g) => g.newMetric);
  if (newMetricAt >= 0 && actor.role !== 'admin') {
    throw new AppError('FORBIDDEN', { message: '新建指标须由管理员操作；请为目标选择已有指标，或不保存该目标', fields: [{ path: `body.targets.${newMetricAt}.newMetric`, message: '只有管理员可以新建指标' }] });
  }
}

const metricKey = (m: { name: string; unit: string }) => `${m.name}\u0001${m.unit}`;

/** the code of every target's metric: existing ones checked, new ones made once each (or reused by name and unit) */
async function resolveMetrics(trx: Trx, actor: Actor, targets: ImportTargetInput[]): Promise<{ codes: string[]; created: string[] }> {
  const visible = (await listMetrics(trx, actor)).items;
  const byName = new Map(visible.map((m) => [metricKey(m), m.code]));
  const created: string[] = [];
  const codes: string[] = [];
  for (const [i, g] of targets.entries()) {
    if (g.metricCode) {
      const metric = await findVisibleMetric(trx, actor, g.metricCode).catch(() => null);
      if (!metric) throw invalidField(`body.targets.${i}.metricCode`, `指标 ${g.metricCode} 不存在或不可用`);
      if (metric.source === 'derived' && metric.kindCodes.length === 0) throw invalidField(`body.targets.${i}.metricCode`, '该指标没有可统计的活动类型');
      codes.push(metric.code);
      continue;
    }
    const wanted = g.newMetric!;
    let code = byName.get(metricKey(wanted));
    if (!code) {
      const unit: MetricUnit = wanted.unit;
      code = (await addReportedMetric(trx, actor, { name: wanted.name, unit, valueType: 'number', rollup: unit === '%' ? 'avg' : 'sum' })).code;
      byName.set(metricKey(wanted), code);
      created.push(wanted.name);
    }
    codes.push(code);
  }
  return { codes, created };
}

async function insertTasks(trx: Trx, plan: PlanRow, tasks: ImportTaskInput[]): Promise<Map<string, string>> {
  const ids = new Map(tasks.map((t) => [t.key, uuidv7()]));
  const parents = new Set(tasks.map((t) => t.parentKey).filter(Boolean));
  const siblings = new Map<string, number>();
  const topStart = await nextTaskSort(trx, { provinceCode: plan.province_code, planId: plan.id, parentId: null });
  for (const t of tasks) {
    const group = t.parentKey ?? '';
    const sort = siblings.get(group) ?? (t.parentKey ? 0 : topStart);
    siblings.set(group, sort + 1);
    await insertTask(trx, {
      province_code: plan.province_code,
      id: ids.get(t.key)!,
      plan_id: plan.id,
      parent_id: t.parentKey ? ids.get(t.parentKey)! : null,
      kind: parents.has(t.key) ? 'section' : 'item',
      title: t.title,
      body: t.body,
      sort,
    });
  }
  return ids;
}

async function writeContent(trx: Trx, actor: Actor, plan: PlanRow, c: Content): Promise<PlanImportResult> {
  const { codes, created } = await resolveMetrics(trx, actor, c.targets);
  const taskIds = await insertTasks(trx, plan, c.tasks);
  const rows: Insertable<TargetsTable>[] = c.targets.map((g, i) => {
    const deadline = g.deadline ?? `${plan.year}-12-31`;
    if (deadline < `${plan.year}-01-01`) throw invalidField(`body.targets.${i}.deadline`, '完成期限不能早于计划年度的开始');
    return { province_code: plan.province_code, id: uuidv7(), plan_id: plan.id, task_id: taskIds.get(g.taskKey)!, org_id: plan.org_id, metric_code: codes[i], value: g.value, period: String(plan.year), deadline };
  });
  await insertTargets(trx, rows);
  const result = { planId: plan.id, tasks: c.tasks.length, targets: rows.length, metricsCreated: created.length };
  await recordAudit(trx, actor, {
    action: 'import',
    entity: 'plan',
    entityId: plan.id,
    orgId: plan.org_id,
    provinceCode: plan.province_code,
    after: { plan: toPlanSummary(actor, plan), tasks: result.tasks, targets: result.targets, newMetrics: created },
  });
  return result;
}

export async function importIntoNewPlan(db: Db, actor: Actor, body: ConfirmPlanImportBody): Promise<PlanImportResult> {
  requireRole(actor, 'admin', 'staff');
  const org = await requireOrgInScope(db, actor, body.orgId);
  if (org.status !== 'active') throw new AppError('ORG_CLOSED');
  checkContent(body, actor);
  return db.transaction().execute(async (trx) => {
    await requireUniquePlanTitle(trx, { orgId: org.id, year: body.year, title: body.title });
    const id = uuidv7();
    await insertPlan(trx, { province_code: org.province_code, id, org_id: org.id, year: body.year, title: body.title, created_by: actor.userId });
    return writeContent(trx, actor, (await findPlanRow(trx, id))!, body);
  });
}

export async function importIntoPlan(db: Db, actor: Actor, planId: string, body: AddPlanImportBody): Promise<PlanImportResult> {
  requireRole(actor, 'admin', 'staff');
  return db.transaction().execute(async (trx) => {
    const plan = await requireEditablePlan(trx, actor, planId);
    if (plan.status !== 'draft') throw new AppError('CONFLICT', { message: '计划已下达，不能再导入；请先改回草稿' });
    checkContent(body, actor);
    return writeContent(trx, actor, plan, body);
  });
}
