import type { PersonView } from '@jinguo/common/people.schema.ts';
import type { CreatePerson, UpdatePerson } from './people.api.ts';

export type PersonFormValues = {
  orgId: string;
  name: string;
  gender?: 'female' | 'male' | null;
  ethnicity?: string;
  education?: string;
  politicalStatus?: string;
  workplace?: string;
  phone?: string;
  idNumber?: string;
  notes?: string;
};

/** masked numbers are never put into the form: an empty field on edit means "unchanged" */
export function personFormValues(p: PersonView | null, defaultOrgId?: string): Partial<PersonFormValues> {
  if (!p) return { orgId: defaultOrgId, gender: 'female' };
  return {
    orgId: p.orgId,
    name: p.name,
    gender: p.gender,
    ethnicity: p.ethnicity ?? undefined,
    education: p.education ?? undefined,
    politicalStatus: p.politicalStatus ?? undefined,
    workplace: p.workplace ?? undefined,
    notes: p.notes ?? undefined,
  };
}

export function personBody(v: PersonFormValues, editing: boolean): Omit<CreatePerson, 'orgId'> & UpdatePerson {
  const number = (s: string | undefined) => (s?.trim() ? s.trim() : editing ? undefined : null);
  return {
    name: v.name,
    gender: v.gender ?? null,
    ethnicity: v.ethnicity || null,
    education: v.education || null,
    politicalStatus: v.politicalStatus || null,
    workplace: v.workplace || null,
    phone: number(v.phone),
    idNumber: number(v.idNumber),
    notes: v.notes || null,
  };
}
