import { useLogout } from '../modules/auth/auth.api.ts';

/** signs out, then loads the login page afresh so nothing of the session stays in memory */
export function useSignOut(): () => void {
  const logout = useLogout();
  return () => logout.mutate(undefined, { onSettled: () => window.location.replace('/login?reason=signed_out') });
}
