import { z } from 'zod';
import { userRoleSchema } from './enums.ts';
import { idSchema, pageQuery, paged, text } from './fields.ts';

export const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  role: userRoleSchema,
  disabled: z.boolean(),
  personId: z.string().nullable(),
  mustChangePassword: z.boolean(),
  /** only while the lockout lasts */
  lockedUntil: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
});
export type UserView = z.infer<typeof userSchema>;

export const createUserBody = z.strictObject({
  username: z
    .string({ error: '用户名应为文字' })
    .trim()
    .regex(/^[a-zA-Z0-9_.-]{3,32}$/, '用户名应为 3 至 32 位字母、数字或 _ . -'),
  displayName: text('姓名', 50),
  orgId: idSchema,
  role: userRoleSchema,
  password: z.string({ error: '请输入初始密码' }).min(1, '请输入初始密码').max(128, '密码不能超过 128 个字符'),
  personId: idSchema.nullish(),
});
export const updateUserBody = z.strictObject({
  displayName: text('姓名', 50).optional(),
  role: userRoleSchema.optional(),
  disabled: z.boolean({ error: '停用应为是或否' }).optional(),
});
export const resetPasswordBody = z.strictObject({
  newPassword: z.string({ error: '请输入新密码' }).min(1, '请输入新密码').max(128, '密码不能超过 128 个字符'),
});
export const userListQuery = z.strictObject({ orgId: idSchema.optional(), ...pageQuery });
export const userList = paged(userSchema);
