import { z } from 'zod';
import { count, daySchema, idSchema, optionalText, pageQuery, paged, text } from './fields.ts';
import { periodSchema } from './periods.ts';
import { participantUnits } from './units.ts';

const codePattern = /^[a-z0-9_]{1,40}$/;

export const activityKindSchema = z.object({
  code: z.string(),
  name: z.string(),
  participantUnit: z.enum(participantUnits),
  ownerOrgId: z.string().nullable(),
  sort: z.number(),
  active: z.boolean(),
  /** the actor may rename or deactivate it (an admin of the owner org; system kinds never) */
  editable: z.boolean(),
});
export type ActivityKind = z.infer<typeof activityKindSchema>;
export const activityKindList = z.object({ items: z.array(activityKindSchema) });
export const createActivityKindBody = z.strictObject({
  name: text('名称', 30),
  participantUnit: z.enum(participantUnits, { error: '参加人数单位应为 人 或 人次' }),
  sort: z.number().int().min(0).max(10000).optional(),
});
export const updateActivityKindBody = z.strictObject({
  name: text('名称', 30).optional(),
  participantUnit: z.enum(participantUnits, { error: '参加人数单位应为 人 或 人次' }).optional(),
  sort: z.number().int().min(0).max(10000).optional(),
  active: z.boolean().optional(),
});
export const kindCodeParams = z.strictObject({ code: z.string().regex(codePattern, '类型编码不正确') });

export const attachmentKinds = ['photo', 'signin_sheet'] as const;
export const attachmentSchema = z.object({
  id: z.string(),
  kind: z.enum(attachmentKinds),
  fileName: z.string(),
  mimeType: z.string(),
  sizeBytes: z.number(),
  url: z.string(),
});
export type AttachmentView = z.infer<typeof attachmentSchema>;

export const activitySchema = z.object({
  id: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  kindCode: z.string(),
  kindName: z.string(),
  participantUnit: z.enum(participantUnits),
  title: z.string(),
  date: z.string(),
  place: z.string().nullable(),
  participants: z.number(),
  notes: z.string().nullable(),
  participantIds: z.array(z.string()),
  attachments: z.array(attachmentSchema),
  createdBy: z.string().nullable(),
  updatedAt: z.string(),
});
export type ActivityView = z.infer<typeof activitySchema>;

const activityFields = {
  orgId: idSchema,
  kindCode: z.string({ error: '请选择活动类型' }).regex(codePattern, '活动类型不正确'),
  title: text('活动名称', 100),
  date: daySchema,
  place: optionalText('地点', 100),
  participants: count('参加人数', 100_000),
  notes: optionalText('备注', 2000),
  participantIds: z.array(idSchema).max(500, '参加人员最多 500 人').optional(),
};
export const createActivityBody = z.strictObject(activityFields);
export const updateActivityBody = z.strictObject({
  orgId: idSchema.optional(),
  kindCode: activityFields.kindCode.optional(),
  title: activityFields.title.optional(),
  date: daySchema.optional(),
  place: activityFields.place.optional(),
  participants: activityFields.participants.optional(),
  notes: activityFields.notes.optional(),
  /** replaces the named participants when given */
  participantIds: activityFields.participantIds,
  /** optimistic concurrency: the updatedAt the editor saw */
  expectedUpdatedAt: z.string().max(40).optional(),
});

export const activityListQuery = z.strictObject({
  orgId: idSchema.optional(),
  kindCode: z.string().regex(codePattern, '活动类型不正确').optional(),
  /** only the activities a metric counts */
  metricCode: z.string().regex(codePattern, '指标编码不正确').optional(),
  period: periodSchema.optional(),
  /** first day, included */
  from: daySchema.optional(),
  /** last day, included */
  to: daySchema.optional(),
  q: z.string().trim().max(50).optional(),
  /** only what the org recorded itself (本级), not its subtree */
  ownOnly: z.enum(['true', 'false'], { error: 'ownOnly 应为 true 或 false' }).default('false'),
  ...pageQuery,
});
export const activityList = paged(activitySchema);

/** quick-entry prefill: the actor's org, the kind this user recorded last, today in Asia/Shanghai */
export const activityDefaults = z.object({
  orgId: z.string(),
  orgName: z.string(),
  kindCode: z.string().nullable(),
  date: z.string(),
});

export const attachmentParams = z.strictObject({ id: idSchema, attachmentId: idSchema });
export const attachmentKindQuery = z.strictObject({ kind: z.enum(attachmentKinds, { error: '附件类型应为 photo 或 signin_sheet' }).default('photo') });
