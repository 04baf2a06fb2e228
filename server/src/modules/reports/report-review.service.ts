import type { ReportDetail } from '@jinguo/common/reports.schema.ts';
import { requireRole, type Db } from '../../http/access.ts';
import { AppError } from '../../http/app-error.ts';
import type { Actor } from '../../http/types.ts';
import { respondentDepths } from './report-periods.ts';
import { childApprovalsQuery, lockReport, parentReportStatus, updateReportRow, type ReportRow } from './reports.queries.ts';
import { getReport, isReviewer, logStep, requireReport } from './reports.service.ts';

/**
 * Review by the parent org (its admin or staff): approve or return a submitted report, reopen an approved one.
 * Approval locks the data. A unit's own report (its aggregate) is approved only after every respondent child's
 * report is approved; an approved report under an approved parent report stays locked until the parent reopens.
 */
async function requireReviewable(db: Db, actor: Actor, id: string): Promise<ReportRow> {
  requireRole(actor, 'admin', 'staff');
  const r = await requireReport(db, actor, id);
  if (!isReviewer(actor, r)) throw new AppError('FORBIDDEN', { message: '报表由上一级组织审核' });
  return r;
}

function requireStatus(status: string, wanted: 'submitted' | 'approved') {
  if (status === wanted) return;
  const message = wanted === 'submitted' ? '只能审核已上报、待审核的报表' : '只能重新打开已审核通过的报表';
  throw new AppError('REPORT_STATE', { message });
}

async function requireChildrenApproved(db: Db, r: ReportRow) {
  if (r.orgDepth >= respondentDepths(r, r.ownerDepth).max) return;
  const children = await childApprovalsQuery(db, { parentId: r.org_id, provinceCode: r.province_code, formId: r.form_id, period: r.period }).execute();
  const pending = children.filter((c) => c.status !== 'approved').map((c) => c.name);
  if (pending.length) throw new AppError('CHILDREN_NOT_APPROVED', { message: `下级单位的报表尚未全部审核通过：${pending.join('、')}` });
}

export async function approveReport(db: Db, actor: Actor, id: string, now: Date): Promise<ReportDetail> {
  const r = await requireReviewable(db, actor, id);
  await db.transaction().execute(async (trx) => {
    requireStatus((await lockReport(trx, r.province_code, id)).status, 'submitted');
    await requireChildrenApproved(trx, r);
    await updateReportRow(trx, r.province_code, id, { status: 'approved', approved_at: now, approved_by: actor.userId, return_reason: null, updated_at: now });
    await logStep(trx, actor, r, { action: 'approve', at: now, after: { status: 'approved' } });
  });
  return getReport(db, actor, id);
}

export async function returnReport(db: Db, actor: Actor, id: string, reason: string, now: Date): Promise<ReportDetail> {
  const r = await requireReviewable(db, actor, id);
  await db.transaction().execute(async (trx) => {
    requireStatus((await lockReport(trx, r.province_code, id)).status, 'submitted');
    await updateReportRow(trx, r.province_code, id, { status: 'returned', return_reason: reason, updated_at: now });
    await logStep(trx, actor, r, { action: 'return', at: now, reason, after: { status: 'returned' } });
  });
  return getReport(db, actor, id);
}

export async function reopenReport(db: Db, actor: Actor, id: string, reason: string, now: Date): Promise<ReportDetail> {
  const r = await requireReviewable(db, actor, id);
  await db.transaction().execute(async (trx) => {
    requireStatus((await lockReport(trx, r.province_code, id)).status, 'approved');
    const parent = await parentReportStatus(trx, { parentId: actor.orgId, provinceCode: r.province_code, formId: r.form_id, period: r.period });
    if (parent?.status === 'approved' || parent?.status === 'submitted') {
      throw new AppError('REPORT_LOCKED', { message: '本级汇总报表已上报或已审核通过，需先由上一级退回或重新打开' });
    }
    await updateReportRow(trx, r.province_code, id, { status: 'returned', return_reason: reason, approved_at: null, approved_by: null, updated_at: now });
    await logStep(trx, actor, r, { action: 'reopen', at: now, reason, after: { status: 'returned' } });
  });
  return getReport(db, actor, id);
}
