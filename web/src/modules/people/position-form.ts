import type { AppointmentType, PositionRole } from '@jinguo/common/enums.ts';
import type { Dayjs } from 'dayjs';
import type { CreatePosition } from './people.api.ts';

export type PositionFormValues = {
  orgId: string;
  role: PositionRole;
  appointmentType?: AppointmentType | null;
  startDate: Dayjs;
  endDate?: Dayjs | null;
  term?: string;
};

/** only chairs and vice chairs have an appointment type (专职, 挂职, 兼职) */
export function roleHasAppointmentType(role: PositionRole | undefined): boolean {
  return role === 'chair' || role === 'vice_chair';
}

export function positionBody(personId: string, v: PositionFormValues): CreatePosition {
  return {
    personId,
    orgId: v.orgId,
    role: v.role,
    appointmentType: roleHasAppointmentType(v.role) ? (v.appointmentType ?? null) : null,
    startDate: v.startDate.format('YYYY-MM-DD'),
    endDate: v.endDate ? v.endDate.format('YYYY-MM-DD') : null,
    term: v.term || null,
  };
}
