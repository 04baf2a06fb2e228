import { z } from 'zod';
import { orgKindSchema, orgLevelSchema, siteKindSchema } from './enums.ts';
import { idSchema, optionalText, text } from './fields.ts';

const includeClosed = z.enum(['true', 'false'], { error: 'includeClosed 应为 true 或 false' }).default('false');

export const orgSummary = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  name: z.string(),
  kind: orgKindSchema,
  level: orgLevelSchema.nullable(),
  depth: z.number(),
  divisionCode: z.string().nullable(),
  status: z.enum(['active', 'closed']),
  /** active children only */
  childCount: z.number(),
});
export type OrgSummary = z.infer<typeof orgSummary>;

export const orgDetail = orgSummary.extend({
  provinceCode: z.string(),
  /** from the actor's own org down to this one, both included; never above the actor's org */
  breadcrumbs: z.array(z.object({ id: z.string(), name: z.string() })),
  canManage: z.boolean(),
});
export type OrgDetail = z.infer<typeof orgDetail>;

export const orgChildrenQuery = z.strictObject({ includeClosed });
export const orgChildrenResult = z.object({ items: z.array(orgSummary) });

export const orgSearchQuery = z.strictObject({
  q: z.string({ error: '请输入名称' }).trim().min(1, '请输入名称').max(50, '名称不能超过 50 个字'),
  limit: z.coerce.number({ error: '条数应为数字' }).int('条数应为整数').min(1, '条数至少为 1').max(50, '条数最多为 50').default(20),
  includeClosed,
});
export const orgSearchResult = z.object({
  /** pathNames: "义兴镇妇联 / 东关村妇联", from just below the actor's org down to the match */
  items: z.array(orgSummary.extend({ pathNames: z.string() })),
});

/** administrative federations come from division codes; people create the other kinds */
export const createOrgBody = z.strictObject({
  parentId: idSchema,
  name: text('名称', 100),
  kind: z.enum(['new_sector', 'women_group', 'online_group', 'group_member'], { error: '组织类型不正确' }),
});
export const renameOrgBody = z.strictObject({ name: text('名称', 100) });
export const moveOrgBody = z.strictObject({ newParentId: idSchema });
export const closeOrgBody = z.strictObject({ reason: optionalText('原因', 200) });

export const siteSchema = z.object({
  id: z.string(),
  orgId: z.string(),
  kind: siteKindSchema,
  name: z.string(),
  address: z.string().nullable(),
  status: z.enum(['active', 'closed']),
});
export type Site = z.infer<typeof siteSchema>;
export const siteListQuery = z.strictObject({ includeClosed });
export const siteList = z.object({ items: z.array(siteSchema) });
export const createSiteBody = z.strictObject({
  orgId: idSchema,
  kind: siteKindSchema,
  name: text('名称', 100),
  address: optionalText('地址', 200),
});
/** absent fields stay as they are; address null or '' clears it */
export const updateSiteBody = z.strictObject({
  name: text('名称', 100).optional(),
  kind: siteKindSchema.optional(),
  address: optionalText('地址', 200).optional(),
  status: z.enum(['active', 'closed'], { error: '状态不正确' }).optional(),
});
