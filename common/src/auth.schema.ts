import { z } from 'zod';
import { userRoleSchema } from './enums.ts';

export const loginBody = z.strictObject({
  username: z.string({ error: '请输入用户名' }).trim().min(1, '请输入用户名').max(64, '用户名不能超过 64 个字符'),
  password: z.string({ error: '请输入密码' }).min(1, '请输入密码').max(128, '密码不能超过 128 个字符'),
});

export const meResponse = z.object({
  user: z.object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    role: userRoleSchema,
    mustChangePassword: z.boolean(),
  }),
  org: z.object({ id: z.string(), name: z.string(), path: z.string(), depth: z.number(), provinceCode: z.string() }),
  csrfToken: z.string(),
  idleTimeoutSeconds: z.number(),
});
export type Me = z.infer<typeof meResponse>;

export const changePasswordBody = z.strictObject({
  oldPassword: z.string({ error: '请输入原密码' }).min(1, '请输入原密码').max(128),
  newPassword: z.string({ error: '请输入新密码' }).min(1, '请输入新密码').max(128, '密码不能超过 128 个字符'),
});

/** at least 10 characters from at least three of: upper case, lower case, digits, symbols */
export function passwordIsStrong(pw: string): boolean {
  if (pw.length < 10) return false;
  const classes = [/[A-Z]/, /[a-z]/, /\d/, /[^A-Za-z0-9]/].filter((r) => r.test(pw)).length;
  return classes >= 3;
}
