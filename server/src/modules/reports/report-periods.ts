import { periodKind, periodRange } from '@jinguo/common/periods.ts';
import type { PeriodType } from '@jinguo/common/reports.schema.ts';
import type { ReportFormsTable } from '../../db/database.ts';

/** Dates of a form's period (opening, due) and who is expected to report: plain rules, no database. */
const LEVEL_DEPTH = { city: 1, county: 2, township: 3, village: 4 } as const;

export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function periodLastDay(period: string): string {
  return addDays(periodRange(period).to, -1);
}

export type FormDates = { opens_offset_days: number; due_offset_days: number };
export function periodDates(form: FormDates, period: string): { opensOn: string; dueOn: string } {
  const last = periodLastDay(period);
  return { opensOn: addDays(last, form.opens_offset_days), dueOn: addDays(last, form.due_offset_days) };
}

/** the first moment after the due day, Asia/Shanghai (submissions before it are on time) */
export function dueDeadline(dueOn: string): Date {
  return new Date(`${addDays(dueOn, 1)}T00:00:00+08:00`);
}

export function matchesPeriodType(period: string, type: PeriodType): boolean {
  return periodKind(period) === type;
}

/** depths of the federations that report on a form: from the owner's children down to the respondent level */
export function respondentDepths(form: Pick<ReportFormsTable, 'respondent_level'>, ownerDepth: number): { min: number; max: number } {
  const max = form.respondent_level ? LEVEL_DEPTH[form.respondent_level] : ownerDepth + 1;
  return { min: ownerDepth + 1, max };
}

export function levelBelowOwner(level: keyof typeof LEVEL_DEPTH | null | undefined, ownerDepth: number): boolean {
  return !level || LEVEL_DEPTH[level] > ownerDepth;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** the period of this type containing the day, and the n - 1 before it, latest first */
export function recentPeriods(type: PeriodType, today: string, n: number): string[] {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    if (type === 'year') out.push(String(y - i));
    else if (type === 'quarter') {
      const idx = y * 4 + Math.floor((m - 1) / 3) - i;
      out.push(`${Math.floor(idx / 4)}Q${(idx % 4) + 1}`);
    } else {
      const idx = y * 12 + (m - 1) - i;
      out.push(`${Math.floor(idx / 12)}-${pad((idx % 12) + 1)}`);
    }
  }
  return out;
}

/** the period itself and the shorter periods within it (a year's quarters and months, a quarter's months) */
export function periodsWithin(period: string): string[] {
  const kind = periodKind(period);
  const y = period.slice(0, 4);
  if (kind === 'month') return [period];
  if (kind === 'quarter') {
    const q = Number(period.slice(5));
    return [period, ...[1, 2, 3].map((i) => `${y}-${pad((q - 1) * 3 + i)}`)];
  }
  return [period, ...[1, 2, 3, 4].map((q) => `${y}Q${q}`), ...Array.from({ length: 12 }, (_, i) => `${y}-${pad(i + 1)}`)];
}
