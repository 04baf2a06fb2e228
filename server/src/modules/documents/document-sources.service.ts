import { periodLabel, todayInShanghai } from '@jinguo/common/periods.ts';
import { requireOrgInScope, type Db } from '../../http/access.ts';
import type { Actor } from '../../http/types.ts';
import { buildXlsx } from '../../http/xlsx.ts';
import { figurePlaceholders } from './doc-placeholders.ts';
import { fillFigure, FINGERPRINT_LIMIT, valueText, type RecordLine, type StoredFigure } from './document-figures.ts';
import { requireDocument } from './documents.service.ts';

/**
 * The companion table of a draft (数据来源表): every record behind every figure, read now. A figure whose records
 * changed since it was filled in says so beside its value, so the table never silently disagrees with the text.
 */
type Row = RecordLine & { figure: string; n: number };

export async function exportDocumentSources(db: Db, actor: Actor, id: string, now: Date): Promise<{ fileName: string; data: Buffer }> {
  const row = await requireDocument(db, actor, id);
  const org = await requireOrgInScope(db, actor, row.org_id);
  const today = todayInShanghai(now);
  const c = { db, actor, org, period: row.period, today, now, recordLimit: FINGERPRINT_LIMIT };
  const rows: Row[] = [];
  for (const stored of row.figures as StoredFigure[]) {
    const [placeholder] = figurePlaceholders([`{{${stored.key}}}`]);
    const fresh = await fillFigure(c, placeholder);
    const changed = fresh.fingerprint !== stored.fingerprint ? `，记录已变化，现为${valueText(fresh)}` : '';
    const figure = `${stored.label}（文中${valueText(stored)}${changed}）`;
    rows.push(...fresh.records.map((r, i) => ({ ...r, figure, n: i + 1 })));
  }
  const data = await buildXlsx<Row>({
    sheetName: '数据来源',
    title: `${row.title}——数据来源`,
    subtitle: `单位：${row.org_name}　期间：${periodLabel(row.period)}　导出日期：${today}`,
    columns: [
      { header: '数字', width: 30, value: (r) => r.figure },
      { header: '序号', width: 6, value: (r) => r.n },
      { header: '日期', width: 12, value: (r) => r.date },
      { header: '组织', width: 18, value: (r) => r.orgName },
      { header: '名称', width: 36, value: (r) => r.title },
      { header: '参加人数或情况', width: 22, value: (r) => r.detail },
    ],
    rows,
  });
  return { fileName: `${row.title}——数据来源.xlsx`, data };
}
