import { z } from 'zod';
import { appointmentTypeSchema, positionRoleSchema } from './enums.ts';
import { daySchema, idSchema, optionalText, pageQuery, paged, text } from './fields.ts';

export const phoneSchema = z
  .string({ error: '手机号应为文字' })
  .trim()
  .regex(/^1[3-9]\d{9}$/, '手机号应为 11 位数字');

/** GB 11643 national ID: 17 digits and a check character */
export const idNumberSchema = z
  .string({ error: '身份证号应为文字' })
  .trim()
  .toUpperCase()
  .regex(/^\d{17}[\dX]$/, '身份证号应为 18 位')
  .refine(idNumberChecksumOk, '身份证号校验位不正确');

export function idNumberChecksumOk(id: string): boolean {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const checks = '10X98765432';
  const sum = weights.reduce((s, w, i) => s + w * Number(id[i]), 0);
  return checks[sum % 11] === id[17];
}

const personFields = {
  name: text('姓名', 50),
  gender: z.enum(['female', 'male'], { error: '性别不正确' }).nullish(),
  ethnicity: optionalText('民族', 20),
  education: optionalText('学历', 20),
  politicalStatus: optionalText('政治面貌', 20),
  workplace: optionalText('工作单位及职务', 100),
  phone: phoneSchema.nullish(),
  idNumber: idNumberSchema.nullish(),
  notes: optionalText('备注', 500),
};

export const createPersonBody = z.strictObject({ orgId: idSchema, ...personFields });
/** absent fields stay as they are; null clears a field */
export const updatePersonBody = z.strictObject({
  orgId: idSchema.optional(),
  name: personFields.name.optional(),
  gender: personFields.gender,
  ethnicity: personFields.ethnicity.optional(),
  education: personFields.education.optional(),
  politicalStatus: personFields.politicalStatus.optional(),
  workplace: personFields.workplace.optional(),
  phone: personFields.phone,
  idNumber: personFields.idNumber,
  notes: personFields.notes.optional(),
});

export const personSchema = z.object({
  id: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  name: z.string(),
  gender: z.enum(['female', 'male']).nullable(),
  ethnicity: z.string().nullable(),
  education: z.string().nullable(),
  politicalStatus: z.string().nullable(),
  workplace: z.string().nullable(),
  /** masked: 138****1234 */
  phone: z.string().nullable(),
  idNumber: z.string().nullable(),
  notes: z.string().nullable(),
});
export type PersonView = z.infer<typeof personSchema>;

/** q: part of a name, or a whole phone or ID number (matched through its fingerprint) */
export const personListQuery = z.strictObject({
  orgId: idSchema.optional(),
  q: z.string({ error: '搜索词应为文字' }).trim().max(50, '搜索词不能超过 50 个字').optional(),
  ...pageQuery,
});
export const personList = paged(personSchema);

export const unmaskBody = z.strictObject({
  field: z.enum(['phone', 'idNumber'], { error: '字段应为 phone 或 idNumber' }),
  reason: text('查看原因', 200),
});
export const unmaskResponse = z.object({ value: z.string().nullable() });

export const positionSchema = z.object({
  id: z.string(),
  personId: z.string(),
  personName: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  role: positionRoleSchema,
  appointmentType: appointmentTypeSchema.nullable(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  term: z.string().nullable(),
});
export type PositionView = z.infer<typeof positionSchema>;

export const createPositionBody = z
  .strictObject({
    personId: idSchema,
    orgId: idSchema,
    role: positionRoleSchema,
    appointmentType: appointmentTypeSchema.nullish(),
    startDate: daySchema,
    endDate: daySchema.nullish(),
    term: optionalText('届次', 50),
  })
  .refine((b) => !b.endDate || b.endDate >= b.startDate, { message: '离任日期不能早于任职日期', path: ['endDate'] })
  .refine((b) => !b.appointmentType || b.role === 'chair' || b.role === 'vice_chair', {
    message: '只有主席、副主席有任职方式（专职、挂职、兼职）',
    path: ['appointmentType'],
  });
export const endPositionBody = z.strictObject({ endDate: daySchema });
export const rosterQuery = z.strictObject({
  includeEnded: z.enum(['true', 'false'], { error: 'includeEnded 应为 true 或 false' }).default('false'),
});
export const positionList = z.object({ items: z.array(positionSchema) });
