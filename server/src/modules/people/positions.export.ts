import { appointmentTypeLabels, positionRoleLabels } from '@jinguo/common/labels.zh-CN.ts';
import type { PositionView } from '@jinguo/common/people.schema.ts';
import { requireOrgInScope, type Db } from '../../http/access.ts';
import type { Actor } from '../../http/types.ts';
import { buildXlsx } from '../../http/xlsx.ts';
import { getRoster } from './positions.service.ts';

/** The positions roster (任职名单) of one org as an Excel table, current positions or the whole history. */
export async function exportRoster(db: Db, actor: Actor, orgId: string, q: { includeEnded: boolean; today: string }): Promise<{ fileName: string; data: Buffer }> {
  const org = await requireOrgInScope(db, actor, orgId);
  const { items } = await getRoster(db, actor, orgId, q);
  const data = await buildXlsx<PositionView>({
    sheetName: '任职名单',
    title: `${org.name}任职名单`,
    subtitle: `单位：${org.name}　范围：${q.includeEnded ? '含已离任' : `截至 ${q.today} 在任`}　共 ${items.length} 人次　导出日期：${q.today}`,
    columns: [
      { header: '姓名', width: 10, value: (p) => p.personName },
      { header: '职务', width: 12, value: (p) => positionRoleLabels[p.role] },
      { header: '任职方式', width: 10, value: (p) => (p.appointmentType ? appointmentTypeLabels[p.appointmentType] : null) },
      { header: '任职组织', width: 20, value: (p) => p.orgName },
      { header: '任职日期', width: 12, value: (p) => p.startDate },
      { header: '离任日期', width: 12, value: (p) => p.endDate },
      { header: '届次', width: 12, value: (p) => p.term },
    ],
    rows: items,
  });
  return { fileName: `${org.name}任职名单-${q.today}.xlsx`, data };
}
