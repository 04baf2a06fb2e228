import { v7 as uuidv7 } from 'uuid';
import { periodLabel, todayInShanghai } from '@jinguo/common/periods.ts';
import type { Completeness, CompletenessFigures, CompletenessQuery, DueItem } from '@jinguo/common/reports.schema.ts';
import { requireOrgInScope, requireRole, type Db, type ScopedOrg } from '../../http/access.ts';
import { AppError } from '../../http/app-error.ts';
import type { Actor } from '../../http/types.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { findVisibleForm, type FormWithFields } from './report-forms.service.ts';
import { visibleFormsQuery } from './report-forms.queries.ts';
import { dueDeadline, matchesPeriodType, periodDates, recentPeriods, respondentDepths } from './report-periods.ts';
import {
  childrenWithReportQuery,
  completenessBySegmentQuery,
  insertReminders,
  lateUnitsQuery,
  markReminderRead,
  orgsAtPathsQuery,
  orgReportsQuery,
  remindersOfOrg,
  type CompletenessScope,
  type FigureRow,
} from './completeness.queries.ts';
import { findReportByKey } from './reports.queries.ts';

/**
 * Who has reported: expected, submitted (awaiting review or approved), on time, approved, returned and missing
 * (not submitted), for a subtree, a form and a period, per child of the subtree's root; chasing the late units
 * with in-app reminders and a message ready to paste into a group chat; each user's own due items.
 */
type Scope = { form: FormWithFields; org: ScopedOrg; scope: CompletenessScope; dates: { opensOn: string; dueOn: string } };

/** the subtree asked for, cut to the form's owner when it lies above it; 404 when the form does not reach it */
async function resolveScope(db: Db, actor: Actor, q: CompletenessQuery): Promise<Scope> {
  const form = await findVisibleForm(db, actor, q.formId);
  if (!matchesPeriodType(q.period, form.period_type)) throw new AppError('BAD_REQUEST', { message: '期间与报表的报送周期不符（period）' });
  let org = await requireOrgInScope(db, actor, q.orgId ?? actor.orgId);
  if (form.ownerPath.startsWith(org.path)) org = await requireOrgInScope(db, actor, form.owner_org_id);
  else if (!org.path.startsWith(form.ownerPath)) throw new AppError('OUT_OF_SCOPE');
  const depths = respondentDepths(form, form.ownerDepth);
  const scope = { path: org.path, provinceCode: org.province_code, formId: form.id, period: q.period, minDepth: depths.min, maxDepth: depths.max };
  return { form, org, scope, dates: periodDates(form, q.period) };
}

const zero = (): FigureRow => ({ segment: '', expected: 0, submitted: 0, onTime: 0, approved: 0, returned: 0 });
function figuresOf(r: FigureRow): CompletenessFigures {
  const f = { expected: Number(r.expected), submitted: Number(r.submitted), onTime: Number(r.onTime), approved: Number(r.approved), returned: Number(r.returned) };
  return { ...f, missing: f.expected - f.submitted };
}

export async function getCompleteness(db: Db, actor: Actor, q: CompletenessQuery, now: Date): Promise<Completeness> {
  const { form, org, scope, dates } = await resolveScope(db, actor, q);
  const key = { parentId: org.id, provinceCode: org.province_code, formId: form.id, period: q.period };
  const [groups, children, own] = await Promise.all([
    completenessBySegmentQuery(db, { ...scope, deadline: dueDeadline(dates.dueOn) }).execute(),
    childrenWithReportQuery(db, key).execute(),
    findReportByKey(db, { ...key, orgId: org.id }),
  ]);
  const bySegment = new Map(groups.map((g) => [g.segment, g]));
  const total = groups.reduce((t, g) => {
    for (const k of ['expected', 'submitted', 'onTime', 'approved', 'returned'] as const) t[k] = Number(t[k]) + Number(g[k]);
    return t;
  }, zero());
  const ownRow = bySegment.get('')
    ? [{ ...figuresOf(bySegment.get('') as FigureRow), orgId: org.id, name: '本级', own: true, hasBelow: false, reportId: own?.id ?? null, status: own?.status ?? null }]
    : [];
  const childRows = children.flatMap((c) => {
    const g = bySegment.get(c.path.slice(org.path.length, -1));
    if (!g) return [];
    return [{ ...figuresOf(g), orgId: c.id, name: c.name, own: false, hasBelow: c.depth < scope.maxDepth, reportId: c.reportId, status: c.status }];
  });
  const top = form.ownerPath.length > actor.orgPath.length ? form.ownerPath : actor.orgPath;
  const paths = [];
  for (let i = top.length; i <= org.path.length; i = org.path.indexOf('.', i) + 1) {
    paths.push(org.path.slice(0, i));
    if (i === org.path.length) break;
  }
  return {
    form: { id: form.id, name: form.name },
    org: { id: org.id, name: org.name },
    breadcrumbs: await orgsAtPathsQuery(db, paths).execute(),
    period: q.period,
    ...dates,
    overdue: todayInShanghai(now) > dates.dueOn,
    totals: figuresOf(total),
    rows: [...ownRow, ...childRows],
  };
}

const statusText = { draft: '草稿未报', returned: '已退回待修改' } as const;

function chaseMessage(s: Scope, units: { name: string; status: string | null }[], overdue: boolean): string {
  const when = overdue ? `已过截止日期（${s.dates.dueOn}）` : `截止日期为 ${s.dates.dueOn}`;
  const lines = units.map((u, i) => `${i + 1}. ${u.name}（${u.status && u.status in statusText ? statusText[u.status as keyof typeof statusText] : '未填报'}）`);
  return [`【催报】《${s.form.name}》${periodLabel(s.scope.period)}报表${when}，以下 ${units.length} 个单位尚未报送：`, ...lines, '请抓紧登录巾帼平台填报上报。——' + s.org.name].join('\n');
}

export async function chaseLateUnits(db: Db, actor: Actor, q: CompletenessQuery, now: Date) {
  requireRole(actor, 'admin', 'staff');
  const s = await resolveScope(db, actor, q);
  const units = await lateUnitsQuery(db, s.scope, 1000).execute();
  if (!units.length) throw new AppError('BAD_REQUEST', { message: '所有单位均已上报，无需催报' });
  const overdue = todayInShanghai(now) > s.dates.dueOn;
  const message = chaseMessage(s, units, overdue);
  const own = `${s.org.name}提醒：《${s.form.name}》${periodLabel(q.period)}报表${overdue ? `已过截止日期（${s.dates.dueOn}）` : `请于 ${s.dates.dueOn} 前报送`}，贵单位尚未报送，请尽快填报。`;
  const rows = units.map((u) => ({
    province_code: u.province_code,
    id: uuidv7(),
    org_id: u.id,
    form_id: s.form.id,
    period: q.period,
    message: own,
    sent_by: actor.userId,
    sent_by_org_id: actor.orgId,
    created_at: now,
  }));
  await db.transaction().execute(async (trx) => {
    await insertReminders(trx, rows);
    await recordAudit(trx, actor, {
      action: 'chase',
      entity: 'reminder',
      entityId: s.form.id,
      orgId: s.org.id,
      provinceCode: s.org.province_code,
      after: { formId: s.form.id, period: q.period, orgIds: units.map((u) => u.id) },
    });
  });
  return { message, units: units.map((u, i) => ({ orgId: u.id, name: u.name, status: u.status, reminderId: rows[i].id })) };
}

export async function listMyReminders(db: Db, actor: Actor) {
  const rows = await remindersOfOrg(db, actor.orgId, 20);
  return {
    items: rows.map((m) => ({
      id: m.id,
      orgId: m.org_id,
      formId: m.form_id,
      period: m.period,
      message: m.message,
      sentByOrgName: m.sentByOrgName,
      createdAt: new Date(m.created_at).toISOString(),
      readAt: m.read_at ? new Date(m.read_at).toISOString() : null,
    })),
  };
}

export async function readReminder(db: Db, actor: Actor, id: string, now: Date) {
  const n = await markReminderRead(db, { provinceCode: actor.provinceCode, id, orgId: actor.orgId, at: now });
  if (n === 0) throw new AppError('OUT_OF_SCOPE', { message: '找不到该提醒' });
  return { ok: true as const };
}

/** the reports the actor's own org must fill in: the current and the previous period of each form it responds to, once open and until submitted (older gaps show in completeness) */
export async function listMyDueItems(db: Db, actor: Actor, now: Date): Promise<{ items: DueItem[] }> {
  const today = todayInShanghai(now);
  const forms = (await visibleFormsQuery(db, actor.orgPath).where('f.active', '=', true).execute()).filter((f) => {
    const d = respondentDepths(f, f.ownerDepth);
    return actor.orgPath.startsWith(f.ownerPath) && actor.orgDepth >= d.min && actor.orgDepth <= d.max;
  });
  const candidates = forms.flatMap((f) =>
    recentPeriods(f.period_type, today, 2)
      .map((period) => ({ f, period, ...periodDates(f, period) }))
      .filter((c) => c.opensOn <= today),
  );
  const reports = await orgReportsQuery(db, { orgId: actor.orgId, provinceCode: actor.provinceCode, formIds: forms.map((f) => f.id), periods: [...new Set(candidates.map((c) => c.period))] });
  const byKey = new Map(reports.map((r) => [`${r.form_id}|${r.period}`, r]));
  const items = candidates.flatMap((c) => {
    const r = byKey.get(`${c.f.id}|${c.period}`);
    if (r && (r.status === 'submitted' || r.status === 'approved')) return [];
    return [{ formId: c.f.id, formName: c.f.name, orgId: actor.orgId, orgName: actor.orgName, period: c.period, opensOn: c.opensOn, dueOn: c.dueOn, overdue: today > c.dueOn, reportId: r?.id ?? null, status: r?.status ?? null, returnReason: r?.return_reason ?? null }];
  });
  return { items: items.sort((a, b) => a.dueOn.localeCompare(b.dueOn)) };
}
