import { App } from 'antd';
import { useNavigate } from 'react-router';
import { useLogout } from '../modules/auth/auth.api.ts';

export function useSignOut(): () => void {
  const logout = useLogout();
  const navigate = useNavigate();
  const { message } = App.useApp();
  return () =>
    logout.mutate(undefined, {
      onSettled: () => {
        message.success('已退出登录');
        navigate('/login', { replace: true });
      },
    });
}
