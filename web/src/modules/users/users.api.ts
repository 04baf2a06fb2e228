import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { createUserBody, resetPasswordBody, updateUserBody, userList, UserView } from '@jinguo/common/users.schema.ts';
import type { z } from 'zod';
import { apiGet, apiPatch, apiPost } from '../../lib/api-client.ts';

export type UserListQuery = { orgId?: string; page: number; pageSize: number };
export type CreateUser = z.input<typeof createUserBody>;

const usersKey = ['users'] as const;

export function useUsers(query: UserListQuery) {
  return useQuery({
    queryKey: [...usersKey, query],
    queryFn: ({ signal }) => apiGet<z.infer<typeof userList>>('/api/users', query, signal),
    placeholderData: keepPreviousData,
  });
}

function useUserWrite<V, R>(fn: (v: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => queryClient.invalidateQueries({ queryKey: usersKey }) });
}

export const useCreateUser = () => useUserWrite((body: CreateUser) => apiPost<UserView>('/api/users', body));
export const useUpdateUser = () =>
  useUserWrite(({ id, ...body }: { id: string } & z.input<typeof updateUserBody>) => apiPatch<UserView>(`/api/users/${id}`, body));
export const useResetPassword = () =>
  useUserWrite(({ id, ...body }: { id: string } & z.input<typeof resetPasswordBody>) => apiPost<{ ok: true }>(`/api/users/${id}/reset-password`, body));
