import { useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useNavigate } from 'react-router';
import { useLogout } from '../modules/auth/auth.api.ts';

export function useSignOut(): () => void {
  const logout = useLogout();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  return () =>
    logout.mutate(undefined, {
      onSettled: async () => {
        await navigate('/login', { replace: true });
        queryClient.clear();
        message.success('已退出登录');
      },
    });
}
