import { sql } from 'kysely';
import { monthsBetween } from '@jinguo/common/periods.ts';
import { subtreePattern, type Db } from '../../http/access.ts';
import type { MetricsTable } from '../../db/database.ts';
import { ROLLUP_MAX_DEPTH } from '../../db/org-paths.ts';

/**
 * Figures of derived metrics for an org's whole subtree over a half-open range of days [from, to).
 *
 * An org at depth <= 3 reads activity_rollups (monthly per-kind totals of its subtree, kept in step with the
 * records), which answers a province in tens of milliseconds. Deeper subtrees are small: their activities are
 * aggregated directly, joining the orgs of the path prefix to the covering index activities (org_id, date)
 * INCLUDE (kind_code, participants, id, province_code). They filter activities.province_code to keep each query
 * on one shard under Citus (distributed by province); migration 0003 added the column to the covering index so
 * that the filter keeps the scan index-only. Every query returns both sums (activities, participants); the
 * metric's aggregation picks one, so a single query serves all metrics over the same kinds.
 */
export type Aggregation = NonNullable<MetricsTable['aggregation']>;
export type OrgScope = { orgId: string; orgPath: string; depth: number; provinceCode: string };
export type DayRange = { from: string; to: string };
export type KindsQuery = OrgScope & DayRange & { kindCodes: string[] };
export type MetricQuery = KindsQuery & { aggregation: Aggregation };
export type Totals = { activities: number; participants: number };

export function pickValue(t: Totals | undefined, aggregation: Aggregation): number {
  if (!t) return 0;
  return Number(aggregation === 'count_activities' ? t.activities : t.participants);
}

const isMonthStart = (day: string) => day.endsWith('-01');

/** rollups hold whole months of orgs at depth <= 3 only */
export function readsRollups(q: { depth: number } & DayRange): boolean {
  return q.depth <= ROLLUP_MAX_DEPTH && isMonthStart(q.from) && isMonthStart(q.to);
}

const rollupSums = [
  sql<number>`coalesce(sum(r.activity_count), 0)`.as('activities'),
  sql<number>`coalesce(sum(r.participant_sum), 0)`.as('participants'),
] as const;
const activitySums = [sql<number>`count(*)`.as('activities'), sql<number>`coalesce(sum(a.participants), 0)`.as('participants')] as const;

/** rollup rows of these orgs (all of one province) for the months of the range and the kinds */
function rollupRows(db: Db, q: DayRange & { provinceCode: string; orgIds: string[]; kindCodes: string[] }) {
  return db
    .selectFrom('activity_rollups as r')
    .where('r.province_code', '=', q.provinceCode)
    .where(sql<boolean>`r.org_id = any(${q.orgIds}::uuid[])`)
    .where('r.month', '>=', q.from)
    .where('r.month', '<', q.to)
    .where(sql<boolean>`r.kind_code = any(${q.kindCodes}::text[])`);
}

/** the activities of the whole subtree of an org in the range, of the kinds */
function subtreeActivities(db: Db, q: KindsQuery) {
  return db
    .selectFrom('orgs as o')
    .innerJoin('activities as a', 'a.org_id', 'o.id')
    .where('o.path', 'like', subtreePattern(q.orgPath))
    .where('a.province_code', '=', q.provinceCode)
    .where('a.date', '>=', q.from)
    .where('a.date', '<', q.to)
    .where(sql<boolean>`a.kind_code = any(${q.kindCodes}::text[])`);
}

export type KindTotals = Totals & { kindCode: string };

/** per-kind totals of an org's subtree: one query for every metric over these kinds (the dashboard's cards) */
export function subtreeKindTotalsQuery(db: Db, q: KindsQuery) {
  if (readsRollups(q)) {
    return rollupRows(db, { ...q, orgIds: [q.orgId] })
      .select(['r.kind_code as kindCode', ...rollupSums])
      .groupBy('r.kind_code')
      .$castTo<KindTotals>();
  }
  return subtreeActivities(db, q)
    .select(['a.kind_code as kindCode', ...activitySums])
    .groupBy('a.kind_code')
    .$castTo<KindTotals>();
}

export async function subtreeKindTotals(db: Db, q: KindsQuery): Promise<Map<string, Totals>> {
  if (q.kindCodes.length === 0) return new Map();
  const rows = await subtreeKindTotalsQuery(db, q).execute();
  return new Map(rows.map((r) => [r.kindCode, { activities: Number(r.activities), participants: Number(r.participants) }]));
}

/** the value of one metric for an org's whole subtree */
export async function metricValue(db: Db, q: MetricQuery): Promise<number> {
  const totals = await subtreeKindTotals(db, q);
  return [...totals.values()].reduce((sum, t) => sum + pickValue(t, q.aggregation), 0);
}

type MonthTotals = Totals & { month: string };

export function monthlyTotalsQuery(db: Db, q: KindsQuery) {
  if (readsRollups(q)) {
    const month = sql<string>`to_char(r.month, 'YYYY-MM')`;
    return rollupRows(db, { ...q, orgIds: [q.orgId] })
      .select([month.as('month'), ...rollupSums])
      .groupBy(month)
      .$castTo<MonthTotals>();
  }
  const month = sql<string>`to_char(a.date, 'YYYY-MM')`;
  return subtreeActivities(db, q)
    .select([month.as('month'), ...activitySums])
    .groupBy(month)
    .$castTo<MonthTotals>();
}

/** the metric's value for each month of the range, months without records included as zeros */
export async function monthlyTrend(db: Db, q: MetricQuery): Promise<{ month: string; value: number }[]> {
  const rows = q.kindCodes.length === 0 ? [] : await monthlyTotalsQuery(db, q).execute();
  const byMonth = new Map(rows.map((r) => [r.month, r]));
  return monthsBetween(q).map((month) => ({ month, value: pickValue(byMonth.get(month), q.aggregation) }));
}

export type ChildOrg = { id: string; name: string; path: string; status: 'active' | 'closed'; hasChildren: boolean };

/** direct children of an org, closed ones included, each saying whether it has children of its own */
export function childOrgsQuery(db: Db, parentId: string) {
  return db
    .selectFrom('orgs as c')
    .where('c.parent_id', '=', parentId)
    .select(['c.id', 'c.name', 'c.path', 'c.status'])
    .select((eb) => eb.exists(eb.selectFrom('orgs as g').select('g.id').whereRef('g.parent_id', '=', 'c.id')).as('hasChildren'));
}

/** totals per child, from the children's own rollups: one grouped query */
export function rollupChildTotalsQuery(db: Db, q: DayRange & { provinceCode: string; kindCodes: string[]; childIds: string[] }) {
  return rollupRows(db, { ...q, orgIds: q.childIds })
    .select(['r.org_id as orgId', ...rollupSums])
    .groupBy('r.org_id')
    .$castTo<Totals & { orgId: string }>();
}

/**
 * totals per child from the activities of the subtree below the org: each record's org path is cut down to the
 * segment just below the org's, so one scan of the subtree groups by child. The offset is a literal so that the
 * grouped expression is the selected one.
 */
export function activityChildTotalsQuery(db: Db, q: KindsQuery) {
  const segment = sql<string>`split_part(substr(o.path, ${sql.lit(q.orgPath.length + 1)}), '.', 1)`;
  return subtreeActivities(db, q)
    .where('o.depth', '>', q.depth)
    .select([segment.as('segment'), ...activitySums])
    .groupBy(segment)
    .$castTo<Totals & { segment: string }>();
}

/** what the org recorded itself (本级) */
export function ownTotalsQuery(db: Db, q: Omit<KindsQuery, 'orgPath' | 'depth'>) {
  return db
    .selectFrom('activities as a')
    .where('a.province_code', '=', q.provinceCode)
    .where('a.org_id', '=', q.orgId)
    .where('a.date', '>=', q.from)
    .where('a.date', '<', q.to)
    .where(sql<boolean>`a.kind_code = any(${q.kindCodes}::text[])`)
    .select([...activitySums])
    .$castTo<Totals>();
}

/** id and name of the orgs at these paths, top first (breadcrumbs); still used by reports — orgs' breadcrumbsOf replaces it */
export function orgsAtPathsQuery(db: Db, paths: string[]) {
  return db.selectFrom('orgs').select(['id', 'name']).where(sql<boolean>`path = any(${paths}::text[])`).orderBy('depth');
}

export type ChildValue = Omit<ChildOrg, 'path'> & { value: number };
export type ChildBreakdown = { own: number; children: ChildValue[] };

/** values of every direct child of an org (zeros included) and of the org's own records */
export async function breakdownByChild(db: Db, q: MetricQuery): Promise<ChildBreakdown> {
  const [children, ownRow] = await Promise.all([childOrgsQuery(db, q.orgId).execute(), ownTotalsQuery(db, q).executeTakeFirst()]);
  const own = pickValue(ownRow, q.aggregation);
  const byKey = new Map<string, Totals>();
  if (children.length > 0 && q.kindCodes.length > 0) {
    if (readsRollups({ ...q, depth: q.depth + 1 })) {
      const rows = await rollupChildTotalsQuery(db, { ...q, childIds: children.map((c) => c.id) }).execute();
      for (const r of rows) byKey.set(r.orgId, r);
    } else {
      const rows = await activityChildTotalsQuery(db, q).execute();
      const idByPath = new Map(children.map((c) => [c.path, c.id]));
      for (const r of rows) byKey.set(idByPath.get(`${q.orgPath}${r.segment}.`) ?? r.segment, r);
    }
  }
  return {
    own,
    children: children.map((c) => ({
      id: c.id,
      name: c.name,
      status: c.status,
      hasChildren: Boolean(c.hasChildren),
      value: pickValue(byKey.get(c.id), q.aggregation),
    })),
  };
}

/** rollup totals per org and kind: one index pass over the months of the range for every org asked for */
export function rollupTotalsByOrgAndKindQuery(db: Db, q: DayRange & { provinceCode: string; orgIds: string[]; kindCodes: string[] }) {
  return rollupRows(db, q)
    .select(['r.org_id as orgId', 'r.kind_code as kindCode', ...rollupSums])
    .groupBy(['r.org_id', 'r.kind_code']);
}
