import type { Insertable, Transaction } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { ActivitiesTable, Database } from '../db/database.ts';
import { insertInChunks } from './bulk-insert.ts';
import { activityPlace, activityTitle, KIND_WEIGHTS, participantCount, type OrgTier } from './demo-data.ts';
import type { DemoOrg } from './demo-orgs.ts';
import type { Random } from './demo-random.ts';

/**
 * A year of activities: the 12 calendar months up to today (Asia/Shanghai), fewer in the month under way.
 * Villages record 1–4 a month, townships and the county more, new-sector federations and women's groups a few.
 */
const MONTHLY: Record<OrgTier, readonly (readonly [number, number])[]> = {
  village: [[1, 3], [2, 4], [3, 2], [4, 1]],
  township: [[4, 1], [5, 2], [6, 2], [7, 2], [8, 1]],
  county: [[8, 1], [10, 2], [12, 2], [14, 1]],
  other: [[0, 3], [1, 3], [2, 1]],
};

export type ActivityAuthors = Map<string, string>;

/** inserts the activities and returns how many; `authors` maps an org id to the user recording its activities */
export async function addActivities(
  trx: Transaction<Database>,
  deps: { random: Random; today: string; authors: ActivityAuthors },
  orgs: DemoOrg[],
): Promise<number> {
  const { random, today, authors } = deps;
  const rows: Insertable<ActivitiesTable>[] = [];
  for (const month of lastTwelveMonths(today)) {
    for (const org of orgs.filter((o) => o.kind !== 'online_group' && o.kind !== 'group_member')) {
      const planned = random.weighted(MONTHLY[org.tier]) * (month.days / month.daysInMonth);
      // women's groups record less than the federations of their village
      const count = Math.round(org.kind === 'women_group' ? planned / 2 : planned);
      for (let i = 0; i < count; i++) {
        const kind = random.weighted(KIND_WEIGHTS[org.tier]);
        rows.push({
          province_code: org.provinceCode,
          id: uuidv7(),
          org_id: org.id,
          kind_code: kind,
          title: activityTitle(random, kind, org.shortName),
          date: `${month.prefix}-${String(random.int(1, month.days)).padStart(2, '0')}`,
          place: activityPlace(random, org.tier, org.shortName),
          participants: participantCount(random, org.tier),
          notes: null,
          created_by: authors.get(org.id) ?? null,
        });
      }
    }
  }
  await insertInChunks(trx, 'activities', rows);
  return rows.length;
}

/** the 12 months ending with today's: 'YYYY-MM', the days that may hold activities, and the month's length */
function lastTwelveMonths(today: string): { prefix: string; days: number; daysInMonth: number }[] {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  return Array.from({ length: 12 }, (_, i) => {
    const index = year * 12 + (month - 1) - (11 - i);
    const y = Math.floor(index / 12);
    const m = (index % 12) + 1;
    const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
    return { prefix: `${y}-${String(m).padStart(2, '0')}`, days: i === 11 ? Number(today.slice(8, 10)) : daysInMonth, daysInMonth };
  });
}
