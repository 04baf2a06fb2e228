import { periodKind, todayInShanghai, type PeriodKind } from '@jinguo/common/periods.ts';

export type PeriodParts = { kind: PeriodKind; year: number; part: number };

const PERIOD = /^(\d{4})(Q[1-4]|-(0[1-9]|1[0-2]))?$/;

export function isPeriod(value: string | null | undefined): value is string {
  return !!value && PERIOD.test(value);
}

export function currentYearPeriod(): string {
  return todayInShanghai().slice(0, 4);
}

export function splitPeriod(period: string): PeriodParts {
  const kind = periodKind(period);
  const year = Number(period.slice(0, 4));
  if (kind === 'quarter') return { kind, year, part: Number(period.slice(5)) };
  if (kind === 'month') return { kind, year, part: Number(period.slice(5, 7)) };
  return { kind, year, part: 1 };
}

export function joinPeriod({ kind, year, part }: PeriodParts): string {
  if (kind === 'quarter') return `${year}Q${part}`;
  if (kind === 'month') return `${year}-${String(part).padStart(2, '0')}`;
  return String(year);
}

/** the period of that kind containing today (Asia/Shanghai) */
export function currentPeriodOf(kind: PeriodKind): string {
  const today = todayInShanghai();
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  return joinPeriod({ kind, year, part: kind === 'quarter' ? Math.ceil(month / 3) : month });
}
