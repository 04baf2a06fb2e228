import type { DashboardData, MetricValueView } from '@jinguo/common/metrics.schema.ts';
import { periodRange } from '@jinguo/common/periods.ts';
import { requireOrgInScope, type Db, type ScopedOrg } from '../../http/access.ts';
import type { Actor } from '../../http/types.ts';
import { breadcrumbsOf } from '../orgs/orgs.service.ts';
import { listVisibleMetrics } from './metric-definitions.queries.ts';
import { metricValue, pickValue, subtreeKindTotals } from './metric-values.queries.ts';
import { describeBreakdown, findVisibleMetric, metricQueryOf, requireDerived, toMetricDefinition, type DerivedMetric } from './metrics.service.ts';

/**
 * The dashboard of an org in the actor's subtree for a period: one card per active derived metric the actor sees,
 * all computed from one per-kind query, and the breakdown and trend of the selected metric (the first card unless
 * one is asked for).
 */
export async function getDashboard(db: Db, actor: Actor, query: { orgId?: string; period: string; metricCode?: string }): Promise<DashboardData> {
  const org = await requireOrgInScope(db, actor, query.orgId ?? actor.orgId);
  const metrics = (await listVisibleMetrics(db, actor, { activeDerivedOnly: true })).map((m) => toMetricDefinition(m) as DerivedMetric);
  const cards = await computeCards(db, org, metrics, query.period);
  const breadcrumbs = await breadcrumbsOf(db, actor, org.path);

  const chosen = query.metricCode ? requireDerived(await findVisibleMetric(db, actor, query.metricCode)) : metrics[0];
  let selected: DashboardData['selected'] = null;
  if (chosen) {
    const card = cards.find((c) => c.code === chosen.code);
    const value = card ? card.value : await metricValue(db, metricQueryOf(org, chosen, query.period));
    selected = await describeBreakdown(db, org, chosen, query.period, value);
  }
  return { org: { id: org.id, name: org.name, breadcrumbs }, period: query.period, cards, selected };
}

/** every metric's value from one query of per-kind totals over the union of their kinds */
async function computeCards(db: Db, org: ScopedOrg, metrics: DerivedMetric[], period: string): Promise<MetricValueView[]> {
  const kindCodes = [...new Set(metrics.flatMap((m) => m.kindCodes))];
  const totals = await subtreeKindTotals(db, { orgId: org.id, orgPath: org.path, depth: org.depth, provinceCode: org.province_code, kindCodes, ...periodRange(period) });
  return metrics.map((m) => ({
    code: m.code,
    name: m.name,
    unit: m.unit,
    value: [...new Set(m.kindCodes)].reduce((sum, k) => sum + pickValue(totals.get(k), m.aggregation), 0),
  }));
}
