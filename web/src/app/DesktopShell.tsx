import { DownOutlined, KeyOutlined, LogoutOutlined, MenuFoldOutlined, MenuUnfoldOutlined, PlusOutlined, UserOutlined } from '@ant-design/icons';
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
  const who = `${me.user.displayName}（${userRoleLabels[me.user.role]}）`;
  // antd's own trigger is a div with an unnamed arrow: a named button inside it (its click reaches the div)
  const siderTrigger = (
    <button type="button" className="jg-sider-trigger" aria-label={collapsed ? '展开菜单' : '收起菜单'} aria-expanded={!collapsed}>
      {collapsed ? <MenuUnfoldOutlined aria-hidden /> : <MenuFoldOutlined aria-hidden />}
    </button>
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider theme="light" width={208} collapsible collapsed={collapsed} onCollapse={setCollapsed} breakpoint="lg" trigger={siderTrigger} style={{ borderRight: '1px solid #f0f0f0' }}>
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
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => navigate('/activities/new')}>
            记一笔
          </Button>
          <span className="jg-muted">{me.org.name}</span>
          <Dropdown
            menu={{
              items: [
                { key: 'password', icon: <KeyOutlined aria-hidden />, label: '修改密码', onClick: () => navigate('/change-password') },
                { key: 'logout', icon: <LogoutOutlined aria-hidden />, label: '退出登录', onClick: signOut },
              ],
            }}
          >
            <Button type="text" icon={<UserOutlined aria-hidden />} aria-label={`${who}，账号菜单`}>
              {who} <DownOutlined aria-hidden />
            </Button>
          </Dropdown>
        </header>
        {/* antd renders Layout.Content as the page's one <main> */}
        <Layout.Content className="jg-desktop-content">{children}</Layout.Content>
      </Layout>
    </Layout>
  );
}
