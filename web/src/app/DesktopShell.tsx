import { DownOutlined, KeyOutlined, LogoutOutlined, PlusOutlined, UserOutlined } from '@ant-design/icons';
import { userRoleLabels } from '@jinguo/common/labels.zh-CN.ts';
import { Button, Dropdown, Layout, Menu } from 'antd';
import { useState, type ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useCurrentUser } from '../modules/auth/auth.api.ts';
import { activeNavPath, navItemsFor } from './nav-items.tsx';
import { useSignOut } from './use-sign-out.ts';

export function DesktopShell({ children }: { children: ReactNode }) {
  const me = useCurrentUser();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const signOut = useSignOut();
  const [collapsed, setCollapsed] = useState(false);
  const items = navItemsFor(me.user.role).map((item) => ({ key: item.path, icon: item.icon, label: item.label }));

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider theme="light" width={208} collapsible collapsed={collapsed} onCollapse={setCollapsed} breakpoint="lg" style={{ borderRight: '1px solid #f0f0f0' }}>
        <div className="jg-brand">
          <span className="jg-brand-mark" aria-hidden>巾</span>
          {collapsed ? null : <span>巾帼工作平台</span>}
        </div>
        <nav aria-label="主菜单">
          <Menu mode="inline" selectedKeys={[activeNavPath(pathname)]} items={items} onClick={({ key }) => navigate(key)} style={{ borderInlineEnd: 0 }} />
        </nav>
      </Layout.Sider>
      <Layout>
        <header className="jg-desktop-header">
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/activities/new')}>
            记一笔
          </Button>
          <span className="jg-muted">{me.org.name}</span>
          <Dropdown
            menu={{
              items: [
                { key: 'password', icon: <KeyOutlined />, label: '修改密码', onClick: () => navigate('/change-password') },
                { key: 'logout', icon: <LogoutOutlined />, label: '退出登录', onClick: signOut },
              ],
            }}
          >
            <Button type="text" icon={<UserOutlined />} aria-label="账号菜单">
              {me.user.displayName}（{userRoleLabels[me.user.role]}） <DownOutlined />
            </Button>
          </Dropdown>
        </header>
        <Layout.Content className="jg-desktop-content">
          <main>{children}</main>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
