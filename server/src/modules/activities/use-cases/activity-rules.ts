import type { z } from 'zod';
import type { createActivityBody } from '@jinguo/common/activities.schema.ts';
import type { Db } from '../../../http/access.ts';
import { invalidField } from '../../../http/app-error.ts';
import type { Actor } from '../../../http/types.ts';
import { findPersonIdsInSubtree } from '../activities.queries.ts';
import type { RollupDelta } from '../activity-rollups.queries.ts';

/** Rules every activity writer applies. */
export const EARLIEST_ACTIVITY_DATE = '2000-01-01';

export function assertRecordableDate(date: string, today: string, field = 'body.date'): void {
  if (date > today) throw invalidField(field, '活动日期不能晚于今天');
  if (date < EARLIEST_ACTIVITY_DATE) throw invalidField(field, '活动日期不能早于 2000 年');
}

/** the named participants without repeats: persons of the activity's province whose org lies in the actor's subtree */
export async function requireParticipants(trx: Db, actor: Actor, provinceCode: string, ids: string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  const found = new Set(await findPersonIdsInSubtree(trx, { provinceCode, orgPath: actor.orgPath }, unique));
  const missing = unique.findIndex((id) => !found.has(id));
  if (missing >= 0) throw invalidField(`body.participantIds.${ids.indexOf(unique[missing])}`, '参加人员不存在或不在管辖范围内');
  return unique;
}

export function assertCountCoversNamed(participants: number, named: number): void {
  if (participants < named) throw invalidField('body.participants', `参加人数不能少于参加人员名单的人数（${named} 人）`);
}

type Counted = { orgPath: string; provinceCode: string; date: string; kindCode: string; participants: number };

/** what one activity adds to (sign 1) or takes from (sign -1) the rollups */
export function rollupDelta(a: Counted, sign: 1 | -1): RollupDelta {
  return { orgPath: a.orgPath, provinceCode: a.provinceCode, date: a.date, kindCode: a.kindCode, count: sign, participants: sign * a.participants };
}

/** what an audit row records of an activity: the fields of its request body, named participants resolved */
export type ActivitySnapshot = Omit<z.infer<typeof createActivityBody>, 'participantIds'> & { participantIds: string[] };
