import { z } from 'zod';

/** Field builders shared by the module schemas; every string has a length limit. */
export const idSchema = z.uuid({ error: '编号格式不正确' });
export const daySchema = z.iso
  .date({ error: '日期格式应为 YYYY-MM-DD' })
  .refine((d) => d >= '1900-01-01' && d <= '2100-12-31', '日期应在 1900 年至 2100 年之间');
/** PostgreSQL refuses NUL in text and jsonb */
const noNul = (label: string) => [(s: string) => !s.includes('\u0000'), `${label}含有不允许的字符`] as const;
export const text = (label: string, max: number) =>
  z
    .string({ error: `${label}应为文字` })
    .trim()
    .min(1, `${label}不能为空`)
    .max(max, `${label}不能超过 ${max} 个字`)
    .refine(...noNul(label));
export const optionalText = (label: string, max: number) =>
  z
    .string({ error: `${label}应为文字` })
    .trim()
    .max(max, `${label}不能超过 ${max} 个字`)
    .refine(...noNul(label))
    .nullish()
    .transform((v) => (v ? v : null));
export const count = (label: string, max = 1_000_000) =>
  z
    .number({ error: `${label}应为数字` })
    .int(`${label}应为整数`)
    .min(0, `${label}不能为负数`)
    .max(max, `${label}不能超过 ${max}`);
export const pageQuery = {
  page: z.coerce.number().int().min(1, '页码应从 1 开始').max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200, '每页最多 200 条').default(20),
};
export const okSchema = z.object({ ok: z.literal(true) });
export const idParams = z.strictObject({ id: idSchema });
export function paged<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int() });
}
