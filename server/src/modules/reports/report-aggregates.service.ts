import type { Aggregate, CompletenessQuery } from '@jinguo/common/reports.schema.ts';
import { requireOrgInScope, type Db } from '../../http/access.ts';
import { AppError } from '../../http/app-error.ts';
import type { Actor } from '../../http/types.ts';
import { childrenWithReportQuery } from './completeness.queries.ts';
import { findVisibleForm } from './report-forms.service.ts';
import { respondentDepths } from './report-periods.ts';
import { cellOf } from './report-values.ts';
import { approvedValuesBySegmentQuery, type SubtreeValues } from './reports.queries.ts';

/**
 * Values of the form's numeric and yes/no metrics summed (or averaged, per metric) up the tree from APPROVED
 * reports only, for a subtree, per child of its root, each figure with the number of units behind it.
 */
export async function getAggregates(db: Db, actor: Actor, q: CompletenessQuery): Promise<Aggregate> {
  const form = await findVisibleForm(db, actor, q.formId);
  let org = await requireOrgInScope(db, actor, q.orgId ?? actor.orgId);
  if (form.ownerPath.startsWith(org.path)) org = await requireOrgInScope(db, actor, form.owner_org_id);
  else if (!org.path.startsWith(form.ownerPath)) throw new AppError('OUT_OF_SCOPE');
  const metrics = form.fields.filter((f) => f.kind === 'metric' && f.metric_code && f.value_type !== 'text');
  const codes = metrics.map((m) => m.metric_code as string);
  const [rows, children] = await Promise.all([
    approvedValuesBySegmentQuery(db, { provinceCode: org.province_code, path: org.path, metricCodes: codes, period: q.period, formId: form.id }).execute(),
    childrenWithReportQuery(db, { parentId: org.id, provinceCode: org.province_code, formId: form.id, period: q.period }).execute(),
  ]);
  const maxDepth = respondentDepths(form, form.ownerDepth).max;
  const cellsOf = (pick: (r: SubtreeValues & { segment: string }) => boolean) =>
    metrics.map((m) => {
      const mine = rows.filter((r) => r.metricCode === m.metric_code && pick(r));
      const sum = mine.reduce(
        (t, r) => ({ ...t, sum: t.sum + Number(r.sum), numbers: t.numbers + Number(r.numbers), trues: t.trues + Number(r.trues), answers: t.answers + Number(r.answers) }),
        { metricCode: m.metric_code as string, sum: 0, numbers: 0, trues: 0, answers: 0 },
      );
      return cellOf(mine.length ? sum : undefined, { rollup: m.rollup ?? 'sum', value_type: m.value_type ?? 'number' });
    });
  const segments = new Set(rows.map((r) => r.segment));
  const respondsBelow = org.depth + 1 <= maxDepth;
  const childRows = children
    .filter((c) => respondsBelow && (segments.has(c.path.slice(org.path.length, -1)) || (c.kind === 'federation' && c.orgStatus === 'active')))
    .map((c) => ({ orgId: c.id, name: c.name, own: false, hasBelow: org.depth + 1 < maxDepth, cells: cellsOf((r) => r.segment === c.path.slice(org.path.length, -1)) }));
  const ownRow = segments.has('') ? [{ orgId: org.id, name: '本级', own: true, hasBelow: false, cells: cellsOf((r) => r.segment === '') }] : [];
  return {
    form: { id: form.id, name: form.name },
    org: { id: org.id, name: org.name },
    period: q.period,
    metrics: metrics.map((m) => ({ code: m.metric_code as string, name: m.metricName ?? '', unit: m.unit ?? '', rollup: m.rollup ?? 'sum', valueType: m.value_type ?? 'number' })),
    total: cellsOf(() => true),
    rows: [...ownRow, ...childRows],
  };
}
