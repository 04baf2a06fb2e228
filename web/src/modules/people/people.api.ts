import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  createPersonBody,
  createPositionBody,
  endPositionBody,
  personList,
  PersonView,
  positionList,
  PositionView,
  unmaskBody,
  unmaskResponse,
  updatePersonBody,
} from '@jinguo/common/people.schema.ts';
import type { z } from 'zod';
import { apiDelete, apiGet, apiPatch, apiPost } from '../../lib/api-client.ts';

export type PersonListQuery = { orgId?: string; q?: string; page: number; pageSize: number };
export type CreatePerson = z.input<typeof createPersonBody>;
export type UpdatePerson = z.input<typeof updatePersonBody>;
export type CreatePosition = z.input<typeof createPositionBody>;

const keys = {
  all: ['persons'] as const,
  list: (q: PersonListQuery) => ['persons', 'list', q] as const,
  detail: (id: string) => ['persons', 'detail', id] as const,
  positions: (id: string) => ['persons', 'positions', id] as const,
};

export function usePersons(query: PersonListQuery, enabled = true) {
  return useQuery({
    queryKey: keys.list(query),
    queryFn: ({ signal }) => apiGet<z.infer<typeof personList>>('/api/persons', query, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function usePerson(id: string) {
  return useQuery({
    queryKey: keys.detail(id),
    queryFn: ({ signal }) => apiGet<PersonView>(`/api/persons/${id}`, undefined, signal),
  });
}

export function personQuery(id: string) {
  return { queryKey: keys.detail(id), queryFn: ({ signal }: { signal?: AbortSignal }) => apiGet<PersonView>(`/api/persons/${id}`, undefined, signal) };
}

export function usePersonPositions(id: string) {
  return useQuery({
    queryKey: keys.positions(id),
    queryFn: ({ signal }) => apiGet<z.infer<typeof positionList>>(`/api/persons/${id}/positions`, undefined, signal),
  });
}

/** persons and positions show up in rosters too */
function usePeopleWrite<V, R>(fn: (v: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () =>
      Promise.all([queryClient.invalidateQueries({ queryKey: keys.all }), queryClient.invalidateQueries({ queryKey: ['orgs', 'roster'] })]),
  });
}

export const useCreatePerson = () => usePeopleWrite((body: CreatePerson) => apiPost<PersonView>('/api/persons', body));
export const useUpdatePerson = () =>
  usePeopleWrite(({ id, ...body }: { id: string } & UpdatePerson) => apiPatch<PersonView>(`/api/persons/${id}`, body));
export const useCreatePosition = () => usePeopleWrite((body: CreatePosition) => apiPost<PositionView>('/api/positions', body));
export const useEndPosition = () =>
  usePeopleWrite(({ id, ...body }: { id: string } & z.input<typeof endPositionBody>) => apiPost<PositionView>(`/api/positions/${id}/end`, body));
export const useDeletePosition = () => usePeopleWrite((id: string) => apiDelete<{ ok: true }>(`/api/positions/${id}`));

/** the clear value is never cached: each view is a separate, audited request */
export function useUnmask() {
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string } & z.input<typeof unmaskBody>) =>
      apiPost<z.infer<typeof unmaskResponse>>(`/api/persons/${id}/unmask`, body),
  });
}
