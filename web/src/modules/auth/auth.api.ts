import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { changePasswordBody, loginBody, Me } from '@jinguo/common/auth.schema.ts';
import type { z } from 'zod';
import { apiGet, apiPost, forgetSession, rememberSession } from '../../lib/api-client.ts';

export const meKey = ['me'] as const;

async function fetchMe(signal?: AbortSignal): Promise<Me> {
  const me = await apiGet<Me>('/api/auth/me', undefined, signal);
  rememberSession(me.csrfToken);
  return me;
}

export function useMe() {
  return useQuery({ queryKey: meKey, queryFn: ({ signal }) => fetchMe(signal), staleTime: 5 * 60_000, retry: false });
}

/** the signed-in user; only for components rendered inside the authenticated layout */
export function useCurrentUser(): Me {
  const { data } = useMe();
  if (!data) throw new Error('useCurrentUser outside the authenticated layout');
  return data;
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: z.input<typeof loginBody>) => {
      rememberSession(null);
      queryClient.clear();
      await apiPost<{ ok: true }>('/api/auth/login', body);
      return queryClient.fetchQuery({ queryKey: meKey, queryFn: () => fetchMe() });
    },
  });
}

/** the caller then reloads the app at the login page, which drops all cached data */
export function useLogout() {
  return useMutation({ mutationFn: () => apiPost<{ ok: true }>('/api/auth/logout'), onSettled: forgetSession });
}

export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof changePasswordBody>) => apiPost<{ ok: true }>('/api/auth/password', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meKey }),
  });
}
