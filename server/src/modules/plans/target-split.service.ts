import { v7 as uuidv7 } from 'uuid';
import type { SplitPreview, SplitTargetBody, TargetDetail, splitBases, splitMethods } from '@jinguo/common/plans.schema.ts';
import { formatWithUnit } from '@jinguo/common/units.ts';
import { periodRange } from '@jinguo/common/periods.ts';
import { requireRole, type Db } from '../../http/access.ts';
import { AppError, invalidField } from '../../http/app-error.ts';
import type { Actor } from '../../http/types.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { metricValue } from '../metrics/metric-values.queries.ts';
import { reportedValueForSubtree } from '../reports/reports.service.ts';
import { mayEditOrg, requireVisibleTarget } from './plan-access.ts';
import { deleteTargetRows, insertTargets, listPartRows, listSplitChildren, updateTargetRow, type SplitChildRow, type TargetRow } from './plans.queries.ts';
import { getTargetDetail } from './targets.service.ts';

/**
 * Splitting a target among the federations directly below its org (分解下达): by hand, evenly, or in proportion to
 * a figure (villages below each child, population, last year's value of the metric). Computed parts are whole
 * numbers (hundredths when the target has decimals) shared by the largest remainder, so they add up exactly. A
 * split that does not add up is refused, naming the remainder. Saving a split keeps the parts the children
 * already split further (matched by org) and changes only their values.
 */
type Method = (typeof splitMethods)[number];
type Basis = (typeof splitBases)[number];

/** shares of `total` in proportion to the weights, in steps of `step`, adding up exactly (largest remainder) */
export function largestRemainder(total: number, weights: number[], step: number): number[] {
  const units = Math.round(total / step);
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (sum > 0 ? (units * w) / sum : 0));
  const floors = exact.map(Math.floor);
  let left = units - floors.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => ({ i, frac: e - floors[i] })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    floors[i]++;
    left--;
  }
  return floors.map((u) => Math.round(u * step * 100) / 100);
}

const stepOf = (total: number) => (Number.isInteger(total) ? 1 : 0.01);
const round2 = (n: number) => Math.round(n * 100) / 100;

async function lastYearValue(db: Db, t: TargetRow, child: SplitChildRow): Promise<number> {
  const period = `${Number(t.period.slice(0, 4)) - 1}${t.period.slice(4)}`;
  const scope = { orgId: child.id, orgPath: child.path, provinceCode: child.province_code };
  if (t.metric_source === 'derived' && t.aggregation) {
    return metricValue(db, { ...scope, depth: child.depth, kindCodes: t.kind_codes ?? [], aggregation: t.aggregation, ...periodRange(period) });
  }
  return (await reportedValueForSubtree(db, { ...scope, metricCode: t.metric_code!, period })).value ?? 0;
}

async function basisValues(db: Db, t: TargetRow, children: SplitChildRow[], basis: Basis): Promise<number[]> {
  if (basis === 'villages') return children.map((c) => Number(c.villages ?? 0));
  if (basis === 'population') return children.map((c) => c.population ?? 0);
  const values: number[] = [];
  for (const c of children) values.push(await lastYearValue(db, t, c));
  return values;
}

async function requireSplittable(db: Db, actor: Actor, id: string) {
  const { target } = await requireVisibleTarget(db, actor, id);
  if (target.value === null) throw new AppError('BAD_REQUEST', { message: '里程碑目标不能分解' });
  const children = await listSplitChildren(db, target.org_id);
  if (children.length === 0) throw new AppError('BAD_REQUEST', { message: `${target.org_name}没有下级妇联，无法分解` });
  return { target, children, total: Number(target.value) };
}

/** the parts a method gives (manual: the current parts), with the basis figure of each child */
async function proposedParts(db: Db, target: TargetRow, children: SplitChildRow[], method: Method, basis: Basis | null, basisField: string) {
  const total = Number(target.value);
  if (method === 'proportional') {
    if (!basis) throw invalidField(basisField, '按比例分解须选择分解依据');
    const weights = await basisValues(db, target, children, basis);
    if (weights.every((w) => w === 0)) throw invalidField(basisField, '各下级的分解依据都为 0，无法按比例分解，请换一种依据或手工分解');
    return { weights, values: largestRemainder(total, weights, stepOf(total)) };
  }
  if (method === 'even') return { weights: null, values: largestRemainder(total, children.map(() => 1), stepOf(total)) };
  const parts = await listPartRows(db, { provinceCode: target.province_code, id: target.id });
  const byOrg = new Map(parts.map((p) => [p.org_id, Number(p.value ?? 0)]));
  return { weights: null, values: children.map((c) => byOrg.get(c.id) ?? 0) };
}

export async function previewSplit(db: Db, actor: Actor, id: string, q: { method: Method; basis?: Basis }): Promise<SplitPreview> {
  const { target, children, total } = await requireSplittable(db, actor, id);
  const { weights, values } = await proposedParts(db, target, children, q.method, q.basis ?? null, 'query.basis');
  const current = new Map((await listPartRows(db, { provinceCode: target.province_code, id })).map((p) => [p.org_id, Number(p.value ?? 0)]));
  const sum = round2(values.reduce((a, b) => a + b, 0));
  return {
    total,
    unit: target.unit,
    method: q.method,
    basis: q.method === 'proportional' ? (q.basis ?? null) : null,
    rows: children.map((c, i) => ({ orgId: c.id, name: c.name, basisValue: weights ? weights[i] : null, value: values[i], current: current.get(c.id) ?? null })),
    sum,
    remainder: round2(total - sum),
  };
}

function manualParts(body: SplitTargetBody, children: SplitChildRow[]): number[] {
  if (!body.parts) throw invalidField('body.parts', '手工分解须填写各下级的分解值');
  const index = new Map(children.map((c, i) => [c.id, i]));
  const values = children.map(() => 0);
  const seen = new Set<string>();
  for (const [n, p] of body.parts.entries()) {
    const i = index.get(p.orgId);
    if (i === undefined) throw invalidField(`body.parts.${n}.orgId`, '只能分解给本组织的直接下级妇联');
    if (seen.has(p.orgId)) throw invalidField(`body.parts.${n}.orgId`, '同一下级组织只能出现一次');
    seen.add(p.orgId);
    values[i] = p.value;
  }
  return values;
}

function requireAddsUp(total: number, values: number[], unit: string | null) {
  const remainder = round2(total - values.reduce((a, b) => a + b, 0));
  if (remainder === 0) return;
  const shown = formatWithUnit(Math.abs(remainder), unit ?? '');
  const message = remainder > 0 ? `分解合计比目标值少 ${shown}，还剩 ${shown}未分解` : `分解合计比目标值多 ${shown}，超出 ${shown}`;
  throw new AppError('VALIDATION_FAILED', { message, fields: [{ path: 'body.parts', message }], details: { remainder } });
}

export async function splitTarget(db: Db, actor: Actor, id: string, body: SplitTargetBody, today: string, now: Date): Promise<TargetDetail> {
  requireRole(actor, 'admin', 'staff');
  await db.transaction().execute(async (trx) => {
    const { target, children, total } = await requireSplittable(trx, actor, id);
    if (!mayEditOrg(actor, target.org_path)) throw new AppError('FORBIDDEN', { message: '只能分解本组织及下级组织的目标' });
    const basis = body.method === 'proportional' ? (body.basis ?? null) : null;
    if (body.method !== 'manual' && body.parts) throw invalidField('body.parts', '平均或按比例分解由系统计算各下级的分解值，不需填写');
    const values = body.method === 'manual' ? manualParts(body, children) : (await proposedParts(trx, target, children, body.method, basis, 'body.basis')).values;
    requireAddsUp(total, values, target.unit);
    const existing = await listPartRows(trx, { provinceCode: target.province_code, id });
    const byOrg = new Map(existing.map((p) => [p.org_id, p]));
    const kept = new Set<string>();
    const inserts = [];
    for (const [i, child] of children.entries()) {
      const part = byOrg.get(child.id);
      if (part) {
        kept.add(part.id);
        await updateTargetRow(trx, { provinceCode: part.province_code, id: part.id }, { value: values[i], updated_at: now });
      } else {
        inserts.push({
          province_code: target.province_code, id: uuidv7(), plan_id: target.plan_id, task_id: target.task_id, org_id: child.id,
          parent_target_id: target.id, metric_code: target.metric_code, value: values[i], period: target.period, deadline: target.deadline,
        });
      }
    }
    await insertTargets(trx, inserts);
    await deleteTargetRows(trx, target.province_code, existing.filter((p) => !kept.has(p.id)).map((p) => p.id));
    await updateTargetRow(trx, { provinceCode: target.province_code, id }, { split_method: body.method, split_basis: basis, updated_at: now });
    await recordAudit(trx, actor, {
      action: 'split', entity: 'target', entityId: id, orgId: target.org_id, provinceCode: target.province_code,
      before: existing.map((p) => ({ orgId: p.org_id, value: Number(p.value) })),
      after: { method: body.method, basis, parts: children.map((c, i) => ({ orgId: c.id, value: values[i] })) },
    });
  });
  return getTargetDetail(db, actor, id, today);
}
