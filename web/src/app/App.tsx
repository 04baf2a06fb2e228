import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntdApp, ConfigProvider } from 'antd';
import zhCN from 'antd/es/locale/zh_CN';
import { RouterProvider } from 'react-router';
import { onUnauthenticated } from '../lib/api-client.ts';
import { queryClient } from './query-client.ts';
import { router } from './router.tsx';

const theme = {
  token: {
    colorPrimary: '#c41d7f',
    colorLink: '#c41d7f',
    borderRadius: 8,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', 'WenQuanYi Micro Hei', 'Helvetica Neue', Arial, sans-serif",
  },
};

// a 401 anywhere ends the session; a full page load to the login page drops every cached record from memory
// (phones are shared), and nothing still on screen can read data that is gone
onUnauthenticated((reason) => {
  if (window.location.pathname === '/login') return;
  const params = new URLSearchParams({ from: window.location.pathname + window.location.search });
  if (reason === 'expired') params.set('reason', 'timeout');
  window.location.replace(`/login?${params.toString()}`);
});

export function App() {
  return (
    <ConfigProvider locale={zhCN} theme={theme} button={{ autoInsertSpace: false }}>
      <AntdApp>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </AntdApp>
    </ConfigProvider>
  );
}
