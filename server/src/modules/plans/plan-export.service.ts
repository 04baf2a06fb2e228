import { periodLabel } from '@jinguo/common/periods.ts';
import { progressStatusLabels } from '@jinguo/common/labels.zh-CN.ts';
import type { TargetView, TaskView } from '@jinguo/common/plans.schema.ts';
import type { Db } from '../../http/access.ts';
import type { Actor } from '../../http/types.ts';
import { buildXlsx } from '../../http/xlsx.ts';
import { getPlanDetail } from './plans.service.ts';

/** Targets and progress of a plan as an Excel table: one row per target the actor sees, parts indented under their target. */
type Row = TargetView & { taskTitle: string; level: number };

/** tasks in the order of the tree (depth first), so that rows follow the plan's sections */
function taskOrder(tasks: TaskView[]): Map<string, number> {
  const order = new Map<string, number>();
  const walk = (parent: string | null) => {
    for (const t of tasks.filter((x) => x.parentId === parent)) {
      order.set(t.id, order.size);
      walk(t.id);
    }
  };
  walk(null);
  return order;
}

function orderedRows(targets: TargetView[], tasks: TaskView[]): Row[] {
  const titles = new Map(tasks.map((t) => [t.id, t.title]));
  const order = taskOrder(tasks);
  const ids = new Set(targets.map((t) => t.id));
  const children = new Map<string | null, TargetView[]>();
  for (const t of targets) {
    const parent = t.parentTargetId && ids.has(t.parentTargetId) ? t.parentTargetId : null;
    children.set(parent, [...(children.get(parent) ?? []), t]);
  }
  children.get(null)?.sort((a, b) => (order.get(a.taskId) ?? 0) - (order.get(b.taskId) ?? 0));
  const out: Row[] = [];
  const walk = (parent: string | null, level: number) => {
    for (const t of children.get(parent) ?? []) {
      out.push({ ...t, taskTitle: titles.get(t.taskId) ?? '', level });
      walk(t.id, level + 1);
    }
  };
  walk(null, 0);
  return out;
}

export async function exportPlanTargets(db: Db, actor: Actor, id: string, today: string): Promise<{ fileName: string; data: Buffer }> {
  const detail = await getPlanDetail(db, actor, id, today);
  const rows = orderedRows(detail.targets, detail.tasks);
  const { plan } = detail;
  const data = await buildXlsx<Row>({
    sheetName: '目标与进度',
    title: `${plan.title}——目标任务完成进度`,
    subtitle: `单位：${plan.orgName}　年度：${plan.year}年　统计截至：${today}`,
    columns: [
      { header: '任务', width: 28, value: (r) => r.taskTitle },
      { header: '责任单位', width: 18, value: (r) => `${'　'.repeat(r.level)}${r.orgName}` },
      { header: '指标', width: 18, value: (r) => r.metricName ?? '里程碑' },
      { header: '单位', width: 8, value: (r) => r.unit ?? '' },
      { header: '期间', width: 14, value: (r) => periodLabel(r.period) },
      { header: '目标值', width: 10, value: (r) => r.value },
      { header: '完成值', width: 10, value: (r) => r.progress?.actual ?? (r.milestoneDoneOn ? '已完成' : null) },
      { header: '应完成（按时序）', width: 14, value: (r) => r.progress?.expected ?? null },
      { header: '完成期限', width: 12, value: (r) => r.deadline },
      { header: '状态', width: 10, value: (r) => (r.progress ? progressStatusLabels[r.progress.status] : '') },
    ],
    rows,
  });
  return { fileName: `${plan.title}-目标进度-${today}.xlsx`, data };
}
