import type { UserRole } from '@jinguo/common/enums.ts';
import { Result } from 'antd';
import type { ReactNode } from 'react';
import { useCurrentUser } from '../modules/auth/auth.api.ts';

export function RequireRole({ roles, children }: { roles: UserRole[]; children: ReactNode }) {
  const me = useCurrentUser();
  if (!roles.includes(me.user.role)) return <Result status="403" title="没有权限" subTitle="您的账号不能使用此功能。" />;
  return children;
}
