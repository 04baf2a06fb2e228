import { z } from 'zod';
import { daySchema, idSchema, pageQuery, paged } from './fields.ts';

export const auditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  username: z.string().nullable(),
  orgId: z.string().nullable(),
  orgName: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  reason: z.string().nullable(),
});
export const auditListQuery = z.strictObject({
  orgId: idSchema.optional(),
  from: daySchema.optional(),
  to: daySchema.optional(),
  entity: z.string().regex(/^[a-z_]{1,30}$/, '对象类型不正确').optional(),
  action: z.string().regex(/^[a-z_]{1,30}$/, '操作类型不正确').optional(),
  ...pageQuery,
});
export const auditList = paged(auditEntrySchema);
