import type { ActivityKind, ActivityView } from '@jinguo/common/activities.schema.ts';
import dayjs, { type Dayjs } from 'dayjs';
import type { CreateActivity } from './activities.api.ts';

export type ActivityFormValues = {
  orgId: string;
  kindCode: string;
  title: string;
  date: Dayjs;
  participants: number | null;
  place?: string | null;
  notes?: string | null;
  participantIds?: string[];
};

export function toActivityBody(v: ActivityFormValues): CreateActivity {
  return {
    orgId: v.orgId,
    kindCode: v.kindCode,
    title: v.title,
    date: v.date.format('YYYY-MM-DD'),
    participants: v.participants ?? 0,
    place: v.place || null,
    notes: v.notes || null,
    participantIds: v.participantIds?.length ? v.participantIds : undefined,
  };
}

export function fromActivity(a: ActivityView): ActivityFormValues {
  return {
    orgId: a.orgId,
    kindCode: a.kindCode,
    title: a.title,
    date: dayjs(a.date),
    participants: a.participants,
    place: a.place,
    notes: a.notes,
    participantIds: a.participantIds,
  };
}

/** the title follows the kind until the user writes their own */
export function titleAfterKindChange(title: string | undefined, previousKind: ActivityKind | undefined, nextKind: ActivityKind | undefined): string | undefined {
  if (!nextKind) return title;
  if (!title || title === previousKind?.name) return nextKind.name;
  return title;
}
