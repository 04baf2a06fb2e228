import type { z } from 'zod';
import type { activityListQuery } from '@jinguo/common/activities.schema.ts';
import { periodLabel, todayInShanghai } from '@jinguo/common/periods.ts';
import { requireOrgInScope, type Db } from '../../http/access.ts';
import { AppError } from '../../http/app-error.ts';
import type { Actor } from '../../http/types.ts';
import { buildXlsx } from '../../http/xlsx.ts';
import { activityPageQuery, type ActivityRow } from './activities.queries.ts';
import { activityFilterOf } from './activities.service.ts';

/** The activity ledger (台账) of a list's filters as an Excel table, newest first; participants with their unit. */
export const MAX_EXPORT_ROWS = 100_000;

function rangeText(q: z.infer<typeof activityListQuery>): string {
  if (q.period) return periodLabel(q.period);
  if (q.from || q.to) return `${q.from ?? '最早'} 至 ${q.to ?? '今天'}`;
  return '全部';
}

export async function exportActivities(db: Db, actor: Actor, q: z.infer<typeof activityListQuery>, now: Date): Promise<{ fileName: string; data: Buffer }> {
  const org = q.orgId ? await requireOrgInScope(db, actor, q.orgId) : { name: actor.orgName };
  const filter = await activityFilterOf(db, actor, q);
  const rows: ActivityRow[] = filter ? await activityPageQuery(db, filter, { limit: MAX_EXPORT_ROWS + 1, offset: 0 }).execute() : [];
  if (rows.length > MAX_EXPORT_ROWS) {
    throw new AppError('VALIDATION_FAILED', { message: `符合条件的活动超过 ${MAX_EXPORT_ROWS.toLocaleString()} 条，请缩小期间或组织范围后再导出` });
  }
  const today = todayInShanghai(now);
  const data = await buildXlsx<ActivityRow>({
    sheetName: '活动台账',
    title: `${org.name}活动台账`,
    subtitle: `单位：${org.name}（含下级）　期间：${rangeText(q)}　共 ${rows.length} 条　导出日期：${today}`,
    columns: [
      { header: '活动日期', width: 12, value: (r) => r.date },
      { header: '组织', width: 20, value: (r) => r.org_name },
      { header: '活动类型', width: 14, value: (r) => r.kind_name },
      { header: '活动名称', width: 32, value: (r) => r.title },
      { header: '地点', width: 18, value: (r) => r.place },
      { header: '参加人数', width: 10, value: (r) => r.participants, numFmt: '0' },
      { header: '单位', width: 6, value: (r) => r.participant_unit },
      { header: '备注', width: 30, value: (r) => r.notes },
    ],
    rows,
  });
  return { fileName: `${org.name}活动台账-${today}.xlsx`, data };
}
