import type { z } from 'zod';
import { genderLabels } from '@jinguo/common/labels.zh-CN.ts';
import type { personListQuery, PersonView } from '@jinguo/common/people.schema.ts';
import { todayInShanghai } from '@jinguo/common/periods.ts';
import { requireOrgInScope } from '../../http/access.ts';
import { AppError } from '../../http/app-error.ts';
import type { Actor } from '../../http/types.ts';
import { buildXlsx } from '../../http/xlsx.ts';
import { listPersons, type PeopleDeps } from './people.service.ts';

/** The people ledger of an org's subtree as an Excel table. Phone and ID numbers are masked: never clear in an export. */
const MAX_EXPORT_ROWS = 100_000;

export async function exportPersons(deps: PeopleDeps, actor: Actor, q: z.infer<typeof personListQuery>, now: Date): Promise<{ fileName: string; data: Buffer }> {
  const org = q.orgId ? await requireOrgInScope(deps.db, actor, q.orgId) : { name: actor.orgName };
  const { items, total } = await listPersons(deps, actor, { ...q, page: 1, pageSize: MAX_EXPORT_ROWS });
  if (total > MAX_EXPORT_ROWS) throw new AppError('VALIDATION_FAILED', { message: `人员超过 ${MAX_EXPORT_ROWS.toLocaleString()} 人，请选择下级组织后再导出` });
  const today = todayInShanghai(now);
  const data = await buildXlsx<PersonView>({
    sheetName: '人员名册',
    title: `${org.name}人员名册`,
    subtitle: `单位：${org.name}（含下级）${q.q ? `　搜索：${q.q}` : ''}　共 ${total} 人　导出日期：${today}　手机号、身份证号已做掩码处理`,
    columns: [
      { header: '姓名', width: 10, value: (p) => p.name },
      { header: '性别', width: 6, value: (p) => (p.gender ? genderLabels[p.gender] : null) },
      { header: '所属组织', width: 20, value: (p) => p.orgName },
      { header: '民族', width: 8, value: (p) => p.ethnicity },
      { header: '学历', width: 8, value: (p) => p.education },
      { header: '政治面貌', width: 10, value: (p) => p.politicalStatus },
      { header: '工作单位及职务', width: 24, value: (p) => p.workplace },
      { header: '手机号（掩码）', width: 14, value: (p) => p.phone },
      { header: '身份证号（掩码）', width: 20, value: (p) => p.idNumber },
      { header: '备注', width: 24, value: (p) => p.notes },
    ],
    rows: items,
  });
  return { fileName: `${org.name}人员名册-${today}.xlsx`, data };
}
