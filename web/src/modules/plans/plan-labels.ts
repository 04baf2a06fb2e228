import type { ProgressStatus } from '@jinguo/common/plans.schema.ts';

/** antd colours of progress statuses and plan statuses */
export const progressStatusColors: Record<ProgressStatus, string> = { not_started: 'default', on_track: 'processing', behind: 'warning', done: 'success', overdue: 'error' };
export const progressBarStatus: Record<ProgressStatus, 'normal' | 'active' | 'success' | 'exception'> = {
  not_started: 'normal',
  on_track: 'normal',
  behind: 'normal',
  done: 'success',
  overdue: 'exception',
};
export const planStatusColors = { draft: 'default', issued: 'green' } as const;

export function currentYear(): number {
  return Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));
}
