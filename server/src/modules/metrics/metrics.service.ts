import crypto from 'node:crypto';
import type { Kysely, Updateable } from 'kysely';
import type { CreateMetricBody, MetricBreakdown, MetricView, UpdateMetricBody } from '@jinguo/common/metrics.schema.ts';
import { periodRange } from '@jinguo/common/periods.ts';
import type { Database, MetricsTable } from '../../db/database.ts';
import { requireOrgInScope, requireRole, type Db, type ScopedOrg } from '../../http/access.ts';
import { AppError, invalidField } from '../../http/app-error.ts';
import type { Actor } from '../../http/types.ts';
import { findVisibleKinds } from '../activities/activity-kinds.service.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { insertMetric, listVisibleMetrics, updateMetricRow, visibleMetricsQuery, type MetricRow } from './metric-definitions.queries.ts';
import { breakdownByChild, metricValue, monthlyTrend, type Aggregation, type MetricQuery } from './metric-values.queries.ts';

/**
 * Metrics are data. A derived metric counts the activities, or sums their participants, over chosen activity
 * kinds; reported metrics (filled in by orgs) are listed but have no derived value. System metrics have no owner;
 * an admin defines metrics owned by its org, visible to its whole subtree, and only that org's admins change them.
 * Figures are computed on each request (no cache), so a changed record changes the figure at once.
 */
export type MetricDefinition = Pick<MetricView, 'code' | 'name' | 'unit' | 'source' | 'aggregation' | 'kindCodes'>;
export type DerivedMetric = MetricDefinition & { aggregation: Aggregation };

export function toMetricDefinition(m: MetricRow): MetricDefinition {
  return { code: m.code, name: m.name, unit: m.unit, source: m.source, aggregation: m.aggregation, kindCodes: m.kind_codes };
}

function toMetricView(m: MetricRow): MetricView {
  return { ...toMetricDefinition(m), unit: m.unit, ownerOrgId: m.owner_org_id, sort: m.sort, active: m.active };
}

/** a metric the actor may see, or NOT_FOUND */
export async function findVisibleMetric(db: Db, actor: Actor, code: string): Promise<MetricDefinition> {
  const m = await visibleMetricsQuery(db, actor).where('m.code', '=', code).executeTakeFirst();
  if (!m) throw new AppError('NOT_FOUND', { message: `找不到指标 ${code}` });
  return toMetricDefinition(m);
}

export function requireDerived(m: MetricDefinition): DerivedMetric {
  if (m.source !== 'derived' || !m.aggregation) {
    throw new AppError('BAD_REQUEST', { message: `指标“${m.name}”由各组织填报，没有按活动统计的数值` });
  }
  return m as DerivedMetric;
}

export async function listMetrics(db: Db, actor: Actor): Promise<{ items: MetricView[] }> {
  const rows = await listVisibleMetrics(db, actor);
  return { items: rows.map(toMetricView) };
}

/** the distinct kind codes, each an existing kind the actor may see; otherwise 400 naming body.kindCodes */
async function requireVisibleKinds(db: Db, actor: Actor, codes: string[]): Promise<string[]> {
  const unique = [...new Set(codes)];
  const visible = new Set((await findVisibleKinds(db, actor, unique)).map((k) => k.code));
  const missing = unique.filter((c) => !visible.has(c));
  if (missing.length > 0) throw invalidField('body.kindCodes', `活动类型不存在或不可用：${missing.join('、')}`);
  return unique;
}

function newMetricCode(): string {
  const digits = crypto.randomBytes(12);
  return `m_${Array.from(digits, (b) => (b % 36).toString(36)).join('')}`;
}

export async function createMetric(db: Kysely<Database>, actor: Actor, body: CreateMetricBody): Promise<MetricView> {
  requireRole(actor, 'admin');
  const kindCodes = await requireVisibleKinds(db, actor, body.kindCodes);
  const view: MetricView = {
    code: newMetricCode(),
    name: body.name,
    unit: body.unit,
    source: 'derived',
    aggregation: body.aggregation,
    kindCodes,
    ownerOrgId: actor.orgId,
    sort: body.sort ?? 1000,
    active: true,
  };
  await db.transaction().execute(async (trx) => {
    await insertMetric(trx, {
      code: view.code,
      name: view.name,
      unit: view.unit,
      source: 'derived',
      aggregation: view.aggregation,
      kind_codes: kindCodes,
      owner_org_id: actor.orgId,
      sort: view.sort,
    });
    await recordAudit(trx, actor, {
      action: 'create',
      entity: 'metric',
      entityId: view.code,
      orgId: actor.orgId,
      provinceCode: actor.provinceCode,
      after: view,
    });
  });
  return view;
}

export async function updateMetric(db: Kysely<Database>, actor: Actor, code: string, body: UpdateMetricBody, now: Date): Promise<MetricView> {
  requireRole(actor, 'admin');
  const kindCodes = body.kindCodes ? await requireVisibleKinds(db, actor, body.kindCodes) : undefined;
  return db.transaction().execute(async (trx) => {
    const row = await visibleMetricsQuery(trx, actor).where('m.code', '=', code).forUpdate('m').executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND', { message: `找不到指标 ${code}` });
    if (row.owner_org_id !== actor.orgId) throw new AppError('FORBIDDEN', { message: '只能修改本组织定义的指标' });
    const before = toMetricView(row);
    const after: MetricView = { ...before, ...body, kindCodes: kindCodes ?? before.kindCodes };
    const patch: Updateable<MetricsTable> = {
      name: after.name,
      unit: after.unit,
      kind_codes: after.kindCodes,
      sort: after.sort,
      active: after.active,
      updated_at: now,
    };
    await updateMetricRow(trx, code, patch);
    await recordAudit(trx, actor, { action: 'update', entity: 'metric', entityId: code, orgId: actor.orgId, provinceCode: actor.provinceCode, before, after });
    return after;
  });
}

export function metricQueryOf(org: ScopedOrg, metric: DerivedMetric, period: string): MetricQuery {
  return {
    orgId: org.id,
    orgPath: org.path,
    depth: org.depth,
    provinceCode: org.province_code,
    kindCodes: metric.kindCodes,
    aggregation: metric.aggregation,
    ...periodRange(period),
  };
}

const byValueThenName = (a: { value: number; name: string }, b: { value: number; name: string }) =>
  b.value - a.value || a.name.localeCompare(b.name, 'zh-CN');

/**
 * The figure of an org split into its direct children and its own records (本级), with the monthly trend.
 * Closed children stay listed while they have a figure in the period.
 */
export async function describeBreakdown(db: Db, org: ScopedOrg, metric: DerivedMetric, period: string, value: number): Promise<MetricBreakdown> {
  const q = metricQueryOf(org, metric, period);
  const [split, trend] = await Promise.all([breakdownByChild(db, q), monthlyTrend(db, q)]);
  const childRows = split.children
    .filter((c) => c.status === 'active' || c.value !== 0)
    .map((c) => ({ orgId: c.id, name: c.name, own: false, hasChildren: c.hasChildren, value: c.value }));
  const ownRow = { orgId: org.id, name: '本级', own: true, hasChildren: false, value: split.own };
  return {
    metric: { code: metric.code, name: metric.name, unit: metric.unit, value },
    rows: [ownRow, ...childRows].sort(byValueThenName),
    trend,
  };
}

export async function getMetricBreakdown(db: Db, actor: Actor, code: string, query: { orgId: string; period: string }): Promise<MetricBreakdown> {
  const org = await requireOrgInScope(db, actor, query.orgId);
  const metric = requireDerived(await findVisibleMetric(db, actor, code));
  const value = await metricValue(db, metricQueryOf(org, metric, query.period));
  return describeBreakdown(db, org, metric, query.period, value);
}
