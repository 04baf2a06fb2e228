import { z } from 'zod';

/** Periods are '2025' (year), '2025Q1' (quarter) or '2025-03' (month); ranges are half-open [from, to). */
export const periodSchema = z
  .string()
  .regex(/^(\d{4})(Q[1-4]|-(0[1-9]|1[0-2]))?$/, '期间格式应为 2025、2025Q1 或 2025-03')
  .refine((p) => {
    const y = Number(p.slice(0, 4));
    return y >= 2000 && y <= 2100;
  }, '年份应在 2000 至 2100 之间');

export type Period = z.infer<typeof periodSchema>;
export type PeriodKind = 'year' | 'quarter' | 'month';

const pad = (n: number) => String(n).padStart(2, '0');
const monthStart = (y: number, m: number) => (m > 12 ? `${y + 1}-01-01` : `${y}-${pad(m)}-01`);

export function periodKind(p: string): PeriodKind {
  return p.includes('Q') ? 'quarter' : p.includes('-') ? 'month' : 'year';
}

export function periodRange(p: string): { from: string; to: string } {
  const y = Number(p.slice(0, 4));
  const kind = periodKind(p);
  if (kind === 'year') return { from: `${y}-01-01`, to: `${y + 1}-01-01` };
  if (kind === 'quarter') {
    const q = Number(p.slice(5));
    return { from: monthStart(y, q * 3 - 2), to: monthStart(y, q * 3 + 1) };
  }
  const m = Number(p.slice(5));
  return { from: monthStart(y, m), to: monthStart(y, m + 1) };
}

/** the months a half-open range of days [from, to) touches, as 'YYYY-MM' */
export function monthsBetween(r: { from: string; to: string }): string[] {
  const out: string[] = [];
  let y = Number(r.from.slice(0, 4));
  let m = Number(r.from.slice(5, 7));
  while (`${y}-${pad(m)}-01` < r.to) {
    out.push(`${y}-${pad(m)}`);
    [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
  }
  return out;
}

/** the months of a period as 'YYYY-MM' */
export function periodMonths(p: string): string[] {
  return monthsBetween(periodRange(p));
}

export function periodLabel(p: string): string {
  const y = p.slice(0, 4);
  const kind = periodKind(p);
  if (kind === 'year') return `${y}年`;
  if (kind === 'quarter') return `${y}年第${'一二三四'[Number(p.slice(5)) - 1]}季度`;
  return `${y}年${Number(p.slice(5))}月`;
}

/** today's date in Asia/Shanghai as 'YYYY-MM-DD', whatever the host's zone */
export function todayInShanghai(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
