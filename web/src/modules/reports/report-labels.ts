import { periodLabel, todayInShanghai } from '@jinguo/common/periods.ts';
import type { PeriodType, ReportStatus } from '@jinguo/common/reports.schema.ts';

export const statusLabels: Record<ReportStatus | 'none', { text: string; color: string }> = {
  none: { text: '未填报', color: 'default' },
  draft: { text: '填报中', color: 'processing' },
  submitted: { text: '待审核', color: 'gold' },
  returned: { text: '已退回', color: 'red' },
  approved: { text: '已通过', color: 'green' },
};

export const actionLabels: Record<string, string> = {
  create: '开始填报',
  save: '保存',
  submit: '上报',
  return: '退回',
  approve: '审核通过',
  reopen: '重新打开',
};

export const periodTypeLabels: Record<PeriodType, string> = { quarter: '季度', month: '月度', year: '年度' };

const pad = (n: number) => String(n).padStart(2, '0');

/** the last few periods of a type, latest first, as select options */
export function recentPeriodOptions(type: PeriodType, count = 6): { value: string; label: string }[] {
  const today = todayInShanghai();
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  return Array.from({ length: count }, (_, i) => {
    if (type === 'year') return String(y - i);
    if (type === 'quarter') {
      const idx = y * 4 + Math.floor((m - 1) / 3) - i;
      return `${Math.floor(idx / 4)}Q${(idx % 4) + 1}`;
    }
    const idx = y * 12 + m - 1 - i;
    return `${Math.floor(idx / 12)}-${pad((idx % 12) + 1)}`;
  }).map((value) => ({ value, label: periodLabel(value) }));
}

/** the period most likely being reported now: the previous one (quarterly reports are due after the quarter) */
export function defaultReportPeriod(type: PeriodType): string {
  return recentPeriodOptions(type, 2)[1].value;
}
