import type { AddPlanImportBody, ImportNode, ImportProposal, PlanImportDraft } from '@jinguo/common/plan-import.schema.ts';
import type { MetricUnit } from '@jinguo/common/units.ts';

/**
 * What a person decides while reviewing a read document: which sections to keep (dropping one drops what is
 * under it) and their titles; for each proposed target whether to adopt it, its value and its metric (an existing
 * one or a new one with a name). The save body is built from the draft and these decisions.
 */
export const NEW_METRIC = '__new__';

export type NodeEdit = { title: string; keep: boolean };
export type ProposalEdit = { adopt: boolean; value: number | null; metricCode: string; newName: string };
export type Review = { nodes: Record<string, NodeEdit>; proposals: Record<string, ProposalEdit> };

export function initialReview(draft: PlanImportDraft): Review {
  return {
    nodes: Object.fromEntries(draft.nodes.map((n) => [n.key, { title: n.title, keep: true }])),
    proposals: Object.fromEntries(
      draft.proposals.map((p) => [
        p.key,
        {
          // without a fitting metric, one who may not create metrics must pick one first
          adopt: p.metric !== null || draft.mayCreateMetrics,
          value: p.value,
          metricCode: p.metric?.code ?? NEW_METRIC,
          newName: p.newMetric.name,
        },
      ]),
    ),
  };
}

/** the keys of the sections kept: a section is kept when it and every section above it are */
export function keptNodeKeys(nodes: ImportNode[], review: Review): Set<string> {
  const kept = new Set<string>();
  for (const n of nodes) if (review.nodes[n.key]?.keep && (!n.parentKey || kept.has(n.parentKey))) kept.add(n.key);
  return kept;
}

export function depthOf(nodes: ImportNode[], key: string): number {
  const byKey = new Map(nodes.map((n) => [n.key, n]));
  let depth = 0;
  for (let n = byKey.get(key); n?.parentKey; n = byKey.get(n.parentKey)) depth++;
  return depth;
}

/** a proposal is saved when adopted, on a kept section, with a value and a usable metric */
export function proposalProblem(p: ImportProposal, edit: ProposalEdit, kept: Set<string>, mayCreateMetrics: boolean): string | null {
  if (!kept.has(p.nodeKey)) return '所在部分已删去';
  if (edit.value === null || edit.value < 0) return '请填写目标值';
  if (edit.metricCode === NEW_METRIC && !mayCreateMetrics) return '新建指标须由管理员操作，请选择已有指标';
  if (edit.metricCode === NEW_METRIC && !edit.newName.trim()) return '请填写新指标名称';
  return null;
}

export function adoptedProposals(draft: PlanImportDraft, review: Review): ImportProposal[] {
  const kept = keptNodeKeys(draft.nodes, review);
  return draft.proposals.filter((p) => review.proposals[p.key].adopt && !proposalProblem(p, review.proposals[p.key], kept, draft.mayCreateMetrics));
}

export function unitOfChoice(p: ImportProposal, edit: ProposalEdit, metricUnits: Map<string, MetricUnit>): MetricUnit {
  return edit.metricCode === NEW_METRIC ? p.newMetric.unit : (metricUnits.get(edit.metricCode) ?? p.unit);
}

/** a proposal's "MM-DD" deadline in the plan's year (2月29日 becomes the 28th in a common year); null: the year's end */
export function deadlineOf(year: number, monthDay: string | null): string | null {
  if (!monthDay) return null;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return `${year}-${monthDay === '02-29' && !leap ? '02-28' : monthDay}`;
}

/** the tasks and targets to save into a plan of the year */
export function saveContent(draft: PlanImportDraft, review: Review, year: number): AddPlanImportBody {
  const kept = keptNodeKeys(draft.nodes, review);
  const tasks = draft.nodes
    .filter((n) => kept.has(n.key))
    .map((n) => ({ key: n.key, parentKey: n.parentKey, title: `${n.numbering}${review.nodes[n.key].title.trim()}`.slice(0, 200), body: n.body?.slice(0, 4000) ?? null }));
  const targets = adoptedProposals(draft, review).map((p) => {
    const edit = review.proposals[p.key];
    const metric = edit.metricCode === NEW_METRIC ? { newMetric: { name: edit.newName.trim(), unit: p.newMetric.unit } } : { metricCode: edit.metricCode };
    return { taskKey: p.nodeKey, value: edit.value!, deadline: deadlineOf(year, p.deadline), ...metric };
  });
  return { tasks, targets };
}

/** where the page keeps the document read and its review for the tab (cleared when saved) */
export const IMPORT_STATE_KEY = 'jinguo.plan-import';

export function forgetImportState() {
  for (const part of ['read', 'review']) window.sessionStorage.removeItem(`${IMPORT_STATE_KEY}.${part}`);
}
