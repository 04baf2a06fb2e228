import { AppstoreOutlined, EditOutlined, KeyOutlined, LogoutOutlined, RightOutlined } from '@ant-design/icons';
import { userRoleLabels } from '@jinguo/common/labels.zh-CN.ts';
import { Drawer } from 'antd';
import { useState, type ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useCurrentUser } from '../modules/auth/auth.api.ts';
import { activeNavPath, navItems, navItemsFor } from './nav-items.tsx';
import { useSignOut } from './use-sign-out.ts';

export function PhoneShell({ children }: { children: ReactNode }) {
  const me = useCurrentUser();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const signOut = useSignOut();
  const [moreOpen, setMoreOpen] = useState(false);
  const mine = navItemsFor(me.user.role);
  const tabs = mine.filter((i) => i.onPhoneTabBar);
  const more = mine.filter((i) => !i.onPhoneTabBar);
  const active = activeNavPath(pathname);
  const isQuickEntry = pathname === '/activities/new';
  const title = isQuickEntry ? '记一笔' : (navItems.find((i) => i.path === active)?.label ?? '巾帼工作平台');
  const go = (path: string) => {
    setMoreOpen(false);
    navigate(path);
  };
  const tab = (path: string, label: string, icon: ReactNode) => (
    <button key={path} type="button" className="jg-tab" aria-current={!isQuickEntry && active === path ? 'page' : undefined} onClick={() => go(path)}>
      {icon}
      <span className="jg-tab-label">{label}</span>
    </button>
  );

  return (
    <div style={{ minHeight: '100vh' }}>
      <header className="jg-phone-top">
        <span className="jg-phone-top-title">{title}</span>
        <span className="jg-muted" style={{ fontSize: 13, maxWidth: '50%', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
          {me.org.name}
        </span>
      </header>
      <main className="jg-phone-content">{children}</main>
      <nav className="jg-tabbar" aria-label="主菜单">
        {tabs.slice(0, 2).map((i) => tab(i.path, i.label === '数据看板' ? '看板' : i.label, i.icon))}
        <button type="button" className="jg-tab jg-tab-primary" aria-current={isQuickEntry ? 'page' : undefined} onClick={() => go('/activities/new')}>
          <span className="jg-tab-primary-button">
            <EditOutlined aria-hidden />
          </span>
          <span className="jg-tab-label">记一笔</span>
        </button>
        {tabs.slice(2).map((i) => tab(i.path, i.label, i.icon))}
        <button type="button" className="jg-tab" aria-expanded={moreOpen} onClick={() => setMoreOpen(true)}>
          <AppstoreOutlined aria-hidden />
          <span className="jg-tab-label">更多</span>
        </button>
      </nav>
      <Drawer placement="bottom" open={moreOpen} onClose={() => setMoreOpen(false)} height="auto" title={`${me.user.displayName}（${userRoleLabels[me.user.role]}）`}>
        <nav aria-label="更多功能">
          {[
            ...more.map((i) => ({ key: i.path, icon: i.icon, label: i.label, onClick: () => go(i.path) })),
            { key: 'password', icon: <KeyOutlined aria-hidden />, label: '修改密码', onClick: () => go('/change-password') },
            { key: 'logout', icon: <LogoutOutlined aria-hidden />, label: '退出登录', onClick: () => { setMoreOpen(false); signOut(); } },
          ].map((item) => (
            <button key={item.key} type="button" className="jg-drawer-item" onClick={item.onClick}>
              {item.icon}
              <span style={{ flex: 1 }}>{item.label}</span>
              <RightOutlined aria-hidden className="jg-muted" />
            </button>
          ))}
        </nav>
      </Drawer>
    </div>
  );
}
