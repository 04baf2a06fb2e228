import { Button, Result } from 'antd';
import { Suspense } from 'react';
import { Navigate, Outlet, ScrollRestoration } from 'react-router';
import { PageSkeleton } from '../components/PageSkeleton.tsx';
import { ApiError } from '../lib/api-client.ts';
import { errorText } from '../lib/errors.ts';
import { useIsPhone } from '../lib/use-is-phone.ts';
import { useMe } from '../modules/auth/auth.api.ts';
import { DesktopShell } from './DesktopShell.tsx';
import { PhoneShell } from './PhoneShell.tsx';

/** the signed-in part of the app: waits for /api/auth/me, then the phone or desktop shell around the page */
export function AppLayout() {
  const me = useMe();
  const isPhone = useIsPhone();
  if (me.isPending) {
    return (
      <div style={{ padding: 24 }}>
        <PageSkeleton />
      </div>
    );
  }
  if (me.error instanceof ApiError && me.error.status === 401) return <Navigate to="/login" replace />;
  // a failed background refetch keeps the signed-in pages (and what is open in them) on screen
  if (!me.data) {
    return (
      <Result
        status="warning"
        title="无法连接服务器"
        subTitle={errorText(me.error)}
        extra={<Button type="primary" onClick={() => me.refetch()}>重试</Button>}
      />
    );
  }
  if (me.data.user.mustChangePassword) return <Navigate to="/change-password" replace />;
  const Shell = isPhone ? PhoneShell : DesktopShell;
  return (
    <Shell>
      {/* a new page opens at its top, going back returns to where the reader was */}
      <ScrollRestoration />
      <Suspense fallback={<PageSkeleton />}>
        <Outlet />
      </Suspense>
    </Shell>
  );
}
