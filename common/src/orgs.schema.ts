import { z } from 'zod';
import { orgKindSchema, orgLevelSchema, siteKindSchema } from './enums.ts';
import { idSchema, optionalText, text } from './fields.ts';

export const orgSummary = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  name: z.string(),
  kind: orgKindSchema,
  level: orgLevelSchema.nullable(),
  depth: z.number(),
  divisionCode: z.string().nullable(),
  status: z.enum(['active', 'closed']),
  childCount: z.number(),
});
export type OrgSummary = z.infer<typeof orgSummary>;

export const orgDetail = orgSummary.extend({
  provinceCode: z.string(),
  breadcrumbs: z.array(z.object({ id: z.string(), name: z.string() })),
  canManage: z.boolean(),
});
export type OrgDetail = z.infer<typeof orgDetail>;

export const orgChildrenQuery = z.strictObject({
  includeClosed: z.enum(['true', 'false']).default('false'),
});

export const orgSearchQuery = z.strictObject({
  q: z.string().trim().min(1, '请输入名称').max(50, '名称不能超过 50 个字'),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export const orgSearchResult = z.object({
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
export const createSiteBody = z.strictObject({
  orgId: idSchema,
  kind: siteKindSchema,
  name: text('名称', 100),
  address: optionalText('地址', 200),
});
export const updateSiteBody = z.strictObject({
  name: text('名称', 100).optional(),
  address: optionalText('地址', 200),
  status: z.enum(['active', 'closed']).optional(),
});
