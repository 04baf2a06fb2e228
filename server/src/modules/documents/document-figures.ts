import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { FigureKind, Placeholder } from '@jinguo/common/documents.schema.ts';
import { progressStatusLabels } from '@jinguo/common/labels.zh-CN.ts';
import { periodKind, periodLabel, periodRange } from '@jinguo/common/periods.ts';
import type { Db, ScopedOrg } from '../../http/access.ts';
import { AppError } from '../../http/app-error.ts';
import type { Actor } from '../../http/types.ts';
import { activityPageQuery } from '../activities/activities.queries.ts';
import { findVisibleKinds } from '../activities/activity-kinds.service.ts';
import { metricValue } from '../metrics/metric-values.queries.ts';
import { findVisibleMetric, metricQueryOf, requireDerived } from '../metrics/metrics.service.ts';
import { getPlanDetail, listPlans } from '../plans/plans.service.ts';
import { getCompleteness } from '../reports/completeness.service.ts';
import { listReportForms } from '../reports/report-forms.service.ts';

/**
 * The figures of a document, filled in from the records through the metrics, activities, plans and reports
 * modules. Each keeps the records it counts (for the appendix, up to APPENDIX_LIMIT) and a fingerprint of them:
 * filled in again later, a different fingerprint means the records changed (the figure is stale).
 */
export type RecordLine = { date: string; orgName: string; title: string; detail: string };
export type StoredFigure = {
  key: string;
  kind: FigureKind;
  label: string;
  unit: string | null;
  value: number;
  text: string;
  items: string[];
  records: RecordLine[];
  recordCount: number;
  fingerprint: string;
  link: string;
  filledAt: string;
};
/** recordLimit: records kept per figure (default APPENDIX_LIMIT, the ones stored with the draft) */
export type FigureContext = { db: Db; actor: Actor; org: ScopedOrg; period: string; today: string; now: Date; recordLimit?: number };
export type FigurePlaceholder = Extract<Placeholder, { kind: FigureKind }>;

/** records fingerprinted per figure (and listed in the sources table); a subtree's activities of some kinds in one period stay far below it */
export const FINGERPRINT_LIMIT = 50_000;
/** records stored with a figure: the Word appendix lists these, the sources table all of them */
export const APPENDIX_LIMIT = 20;
const INLINE_ITEMS = 30;

/** a figure's value as a reader sees it: "12场"; for a list, how many items it has */
export const valueText = (f: Pick<StoredFigure, 'kind' | 'text' | 'value' | 'unit'>) => (f.kind === 'metric' ? f.text : `${f.value}${f.unit ?? ''}`);

const digest = (parts: string[]) => crypto.createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 32);
const monthDay = (d: string) => `${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
const query = (params: Record<string, string>) => new URLSearchParams(params).toString();

function listText(items: string[], empty: string, total = items.length): string {
  if (items.length === 0) return empty;
  const shown = items.slice(0, INLINE_ITEMS).join('；');
  return total > INLINE_ITEMS ? `${shown}等${total}项` : shown;
}

/** the first records of a figure (for the appendix), how many there are and a fingerprint of them all, made in the database */
async function activitiesOf(c: FigureContext, kindCodes: string[]) {
  if (kindCodes.length === 0) return { rows: [], count: 0, fingerprint: digest([]) };
  const { from, to } = periodRange(c.period);
  const filter = { provinceCode: c.org.province_code, orgPath: c.org.path, from, toExclusive: to, kindCodes };
  const all = activityPageQuery(c.db, filter, { limit: FINGERPRINT_LIMIT, offset: 0 }).as('x');
  const [summary, rows] = await Promise.all([
    c.db
      .selectFrom(all)
      .select([
        sql<number>`count(*)`.as('n'),
        sql<string>`coalesce(md5(string_agg(x.id::text || '|' || x.updated_at::text || '|' || x.org_path, ',' order by x.id)), '')`.as('md5'),
      ])
      .executeTakeFirstOrThrow(),
    activityPageQuery(c.db, filter, { limit: c.recordLimit ?? APPENDIX_LIMIT, offset: 0 }).execute(),
  ]);
  return { rows, count: Number(summary.n), fingerprint: digest([summary.md5, String(summary.n)]) };
}

type ActivityRows = Awaited<ReturnType<typeof activitiesOf>>['rows'];
const activityLine = (r: ActivityRows[number]): RecordLine => ({
  date: r.date,
  orgName: r.org_name,
  title: r.title,
  detail: `${r.participants}${r.participant_unit}`,
});

function base(c: FigureContext, p: FigurePlaceholder) {
  return { key: p.key, kind: p.kind, filledAt: c.now.toISOString() };
}

async function metricFigure(c: FigureContext, p: Extract<Placeholder, { kind: 'metric' }>): Promise<StoredFigure> {
  const metric = requireDerived(await findVisibleMetric(c.db, c.actor, p.code));
  const value = await metricValue(c.db, metricQueryOf(c.org, metric, c.period));
  const { rows, count, fingerprint } = await activitiesOf(c, metric.kindCodes);
  return {
    ...base(c, p),
    label: metric.name,
    unit: metric.unit,
    value,
    text: `${value}${metric.unit}`,
    items: [],
    records: rows.map(activityLine),
    recordCount: count,
    fingerprint,
    link: `/activities?${query({ metricCode: metric.code, period: c.period, orgId: c.org.id })}`,
  };
}

async function activityListFigure(c: FigureContext, p: Extract<Placeholder, { kind: 'activities' }>): Promise<StoredFigure> {
  const [kind] = await findVisibleKinds(c.db, c.actor, [p.code]);
  if (!kind) throw new AppError('BAD_REQUEST', { message: `活动类型不存在或不可用：${p.code}` });
  const { rows, count, fingerprint } = await activitiesOf(c, [kind.code]);
  const items = rows.map((r) => `${monthDay(r.date)}，${r.org_name}开展“${r.title}”，参加${r.participants}${r.participant_unit}`);
  return {
    ...base(c, p),
    label: `${kind.name}活动`,
    unit: '次',
    value: count,
    text: listText(items, `本期暂无${kind.name}活动记录`, count),
    items,
    records: rows.map(activityLine),
    recordCount: count,
    fingerprint,
    link: `/activities?${query({ kindCode: kind.code, period: c.period, orgId: c.org.id })}`,
  };
}

const percent = (actual: number, value: number) => (value > 0 ? `${Math.round((actual / value) * 1000) / 10}%` : '—');

/** the targets set for the document's org in the year's plans (issued ones, and the org's own drafts) */
async function targetsFigure(c: FigureContext, p: Extract<Placeholder, { kind: 'targets' }>): Promise<StoredFigure> {
  const year = Number(c.period.slice(0, 4));
  const plans = (await listPlans(c.db, c.actor, { year })).items.filter((pl) => pl.status === 'issued' || pl.orgId === c.org.id);
  const records: RecordLine[] = [];
  const items: string[] = [];
  const planIds = new Set<string>();
  for (const plan of plans) {
    const detail = await getPlanDetail(c.db, c.actor, plan.id, c.today);
    const taskTitles = new Map(detail.tasks.map((t) => [t.id, t.title]));
    for (const t of detail.targets.filter((x) => x.orgId === c.org.id)) {
      planIds.add(plan.id);
      const label = t.metricName ?? taskTitles.get(t.taskId) ?? '目标';
      const status = t.progress ? progressStatusLabels[t.progress.status] : '';
      const actual = t.progress?.actual ?? 0;
      const detailText = t.value === null ? status : `目标${t.value}${t.unit ?? ''}，完成${actual}${t.unit ?? ''}（${percent(actual, t.value)}）`;
      items.push(`${label}：${detailText}${t.value === null ? '' : `，${status}`}`);
      records.push({ date: t.deadline, orgName: t.orgName, title: `${plan.title} / ${label}`, detail: detailText });
    }
  }
  const link = planIds.size === 1 ? `/plans/${[...planIds][0]}` : `/plans?${query({ year: String(year) })}`;
  return {
    ...base(c, p),
    label: '目标任务进展',
    unit: '项',
    value: items.length,
    text: listText(items, '本年度暂无下达到本单位的目标任务'),
    items,
    records,
    recordCount: records.length,
    fingerprint: digest(records.map((r) => `${r.title}|${r.detail}|${r.date}`)),
    link,
  };
}

/** completeness of the period's forms that units below the org report on */
async function completenessFigure(c: FigureContext, p: Extract<Placeholder, { kind: 'completeness' }>): Promise<StoredFigure> {
  const forms = (await listReportForms(c.db, c.actor)).items.filter((f) => f.active && f.periodType === periodKind(c.period));
  const items: string[] = [];
  const records: RecordLine[] = [];
  let link = `/reports?${query({ tab: 'completeness', period: c.period, orgId: c.org.id })}`;
  for (const form of forms) {
    const done = await getCompleteness(c.db, c.actor, { formId: form.id, period: c.period, orgId: c.org.id }, c.now).catch((err: unknown) => {
      if (err instanceof AppError && (err.code === 'OUT_OF_SCOPE' || err.code === 'NOT_FOUND')) return null;
      throw err;
    });
    if (!done || done.org.id !== c.org.id || done.totals.expected === 0) continue;
    const t = done.totals;
    items.push(`《${form.name}》${periodLabel(c.period)}应报${t.expected}个单位，已报${t.submitted}个（按时${t.onTime}个），审核通过${t.approved}个，未报${t.missing}个`);
    for (const r of done.rows) {
      records.push({ date: done.dueOn, orgName: r.name, title: form.name, detail: `应报${r.expected}个，已报${r.submitted}个，未报${r.missing}个` });
    }
    if (items.length === 1) link = `/reports?${query({ tab: 'completeness', form: form.id, period: c.period, orgId: c.org.id })}`;
  }
  return {
    ...base(c, p),
    label: '报送情况',
    unit: '个',
    value: items.length,
    text: listText(items, '本期暂无需要下级单位报送的报表'),
    items,
    records,
    recordCount: records.length,
    fingerprint: digest([...items, ...records.map((r) => `${r.orgName}|${r.detail}`)]),
    link,
  };
}

export function fillFigure(c: FigureContext, p: FigurePlaceholder): Promise<StoredFigure> {
  if (p.kind === 'metric') return metricFigure(c, p);
  if (p.kind === 'activities') return activityListFigure(c, p);
  if (p.kind === 'targets') return targetsFigure(c, p);
  return completenessFigure(c, p);
}
