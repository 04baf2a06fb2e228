import type { LaggingItem, ProgressStatus, ProgressView } from '@jinguo/common/plans.schema.ts';
import { periodRange } from '@jinguo/common/periods.ts';
import type { Db } from '../../http/access.ts';
import { metricValue, pickValue, readsRollups, rollupTotalsByOrgAndKindQuery, type Totals } from '../metrics/metric-values.queries.ts';
import { reportedValueForSubtree } from '../reports/reports.service.ts';
import type { TargetRow } from './plans.queries.ts';

/**
 * Progress against time elapsed (倒排工期): a target should have reached target × (days from the period's start
 * to today ÷ days from the period's start to its deadline). Done when the figure reaches the target; overdue when
 * the deadline has passed without it; behind when the figure is under 90% of what is expected by today (a small
 * tolerance, so that a unit is not flagged for a week without a record); on track otherwise. A milestone is done
 * on the day it is marked done. Before its period begins a target is not started (nothing is expected of it yet).
 * Derived figures count the records live; reported ones come from approved reports.
 * A plan shows thousands of targets (20 split to every county of a province: 2,580), so the derived figures of
 * orgs with rollups are read in one query per period, grouped by org and kind, not one query per target.
 */
const BEHIND_BELOW = 0.9;
const DAY_MS = 86_400_000;
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
const round2 = (n: number) => Math.round(n * 100) / 100;

export function elapsedShare(period: string, deadline: string, today: string): number {
  const start = periodRange(period).from;
  if (today < start) return 0;
  const span = daysBetween(start, deadline) + 1;
  if (span <= 0) return 1;
  return Math.min(1, (daysBetween(start, today) + 1) / span);
}

type Actual = { actual: number | null; units: number | null };

async function actualOf(db: Db, t: TargetRow): Promise<Actual> {
  if (!t.metric_code) return { actual: null, units: null };
  const scope = { orgId: t.org_id, orgPath: t.org_path, provinceCode: t.province_code, period: t.period };
  if (t.metric_source === 'derived' && t.aggregation) {
    const actual = await metricValue(db, { ...scope, depth: t.org_depth, kindCodes: t.kind_codes ?? [], aggregation: t.aggregation, ...periodRange(t.period) });
    return { actual, units: null };
  }
  const reported = await reportedValueForSubtree(db, { ...scope, metricCode: t.metric_code });
  return { actual: reported.value, units: reported.units };
}

const readsRollupsOf = (t: TargetRow) =>
  t.metric_source === 'derived' && t.aggregation !== null && readsRollups({ depth: t.org_depth, ...periodRange(t.period) });

/** figures of derived targets whose orgs have rollups: one query per province and period, whatever the metrics */
async function rollupActuals(db: Db, rows: TargetRow[]): Promise<Map<string, Actual>> {
  const groups = new Map<string, TargetRow[]>();
  for (const t of rows) {
    const key = `${t.province_code}|${t.period}`;
    const group = groups.get(key);
    if (group) group.push(t);
    else groups.set(key, [t]);
  }
  const actuals = new Map<string, Actual>();
  for (const group of groups.values()) {
    const { province_code: provinceCode, period } = group[0];
    const kindCodes = [...new Set(group.flatMap((t) => t.kind_codes ?? []))];
    const orgIds = [...new Set(group.map((t) => t.org_id))];
    const found = kindCodes.length > 0 ? await rollupTotalsByOrgAndKindQuery(db, { provinceCode, orgIds, kindCodes, ...periodRange(period) }).execute() : [];
    const totals = new Map<string, Totals>(found.map((r) => [`${r.orgId}|${r.kindCode}`, r]));
    for (const t of group) {
      const actual = (t.kind_codes ?? []).reduce((sum, k) => sum + pickValue(totals.get(`${t.org_id}|${k}`), t.aggregation!), 0);
      actuals.set(t.id, { actual, units: null });
    }
  }
  return actuals;
}

function progressFrom(t: TargetRow, { actual, units }: Actual, today: string): ProgressView {
  const elapsed = round2(elapsedShare(t.period, t.deadline, today));
  const late = today > t.deadline;
  const notStarted = today < periodRange(t.period).from;
  if (t.value === null) {
    const status: ProgressStatus = t.milestone_done_on ? 'done' : late ? 'overdue' : notStarted ? 'not_started' : 'on_track';
    return { actual: null, expected: null, elapsed, status, units: null };
  }
  const value = Number(t.value);
  const expected = Math.round(value * elapsedShare(t.period, t.deadline, today) * 10) / 10;
  const reached = actual ?? 0;
  const status: ProgressStatus =
    reached >= value ? 'done' : late ? 'overdue' : notStarted ? 'not_started' : reached < expected * BEHIND_BELOW ? 'behind' : 'on_track';
  return { actual, expected, elapsed, status, units };
}

/** progress of each target, by id; figures that rollups cannot answer (village subtrees, reported metrics) one by one */
export async function progressOfTargets(db: Db, rows: TargetRow[], today: string): Promise<Map<string, ProgressView>> {
  const measured = rows.filter((t) => t.value !== null && t.metric_code !== null);
  const actuals = await rollupActuals(db, measured.filter(readsRollupsOf));
  for (const t of measured) if (!actuals.has(t.id)) actuals.set(t.id, await actualOf(db, t));
  const none: Actual = { actual: null, units: null };
  return new Map(rows.map((t) => [t.id, progressFrom(t, actuals.get(t.id) ?? none, today)]));
}

const SEVERITY: Record<ProgressStatus, number> = { done: 0, not_started: 1, on_track: 2, behind: 3, overdue: 4 };

/** the worst of some statuses (a task's, from its targets) */
export function worstStatus(statuses: ProgressStatus[]): ProgressStatus | null {
  if (statuses.length === 0) return null;
  return statuses.reduce((a, b) => (SEVERITY[b] > SEVERITY[a] ? b : a));
}

export function laggingItemOf(t: TargetRow, p: ProgressView, taskTitle: string): LaggingItem | null {
  if (p.status !== 'behind' && p.status !== 'overdue') return null;
  return {
    targetId: t.id,
    taskTitle,
    orgId: t.org_id,
    orgName: t.org_name,
    label: t.metric_name ?? taskTitle,
    unit: t.unit,
    value: t.value === null ? null : Number(t.value),
    actual: p.actual,
    expected: p.expected,
    deadline: t.deadline,
    status: p.status,
  };
}
