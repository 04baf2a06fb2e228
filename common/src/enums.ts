import { z } from 'zod';

export const orgKinds = ['federation', 'new_sector', 'women_group', 'online_group', 'group_member'] as const;
export const orgKindSchema = z.enum(orgKinds);
export type OrgKind = z.infer<typeof orgKindSchema>;

export const orgLevels = ['province', 'city', 'county', 'township', 'village'] as const;
export const orgLevelSchema = z.enum(orgLevels);
export type OrgLevel = z.infer<typeof orgLevelSchema>;

export const siteKinds = ['womens_home', 'micro_home'] as const;
export const siteKindSchema = z.enum(siteKinds);
export type SiteKind = z.infer<typeof siteKindSchema>;

export const positionRoles = ['chair', 'vice_chair', 'executive', 'standing_committee', 'representative', 'staff', 'volunteer'] as const;
export const positionRoleSchema = z.enum(positionRoles);
export type PositionRole = z.infer<typeof positionRoleSchema>;

export const appointmentTypes = ['full_time', 'seconded', 'part_time'] as const;
export const appointmentTypeSchema = z.enum(appointmentTypes);
export type AppointmentType = z.infer<typeof appointmentTypeSchema>;

export const userRoles = ['admin', 'staff', 'executive'] as const;
export const userRoleSchema = z.enum(userRoles);
export type UserRole = z.infer<typeof userRoleSchema>;
