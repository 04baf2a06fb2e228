import {
  AimOutlined,
  AuditOutlined,
  FileDoneOutlined,
  FileWordOutlined,
  ImportOutlined,
  BarChartOutlined,
  ApartmentOutlined,
  FundOutlined,
  ScheduleOutlined,
  TeamOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons';
import type { UserRole } from '@jinguo/common/enums.ts';
import type { ReactNode } from 'react';

export type NavItem = { path: string; label: string; icon: ReactNode; roles?: UserRole[]; onPhoneTabBar?: boolean };

export const navItems: NavItem[] = [
  { path: '/', label: '数据看板', icon: <BarChartOutlined aria-hidden />, onPhoneTabBar: true },
  { path: '/activities', label: '活动', icon: <ScheduleOutlined aria-hidden />, onPhoneTabBar: true },
  { path: '/orgs', label: '组织', icon: <ApartmentOutlined aria-hidden />, onPhoneTabBar: true },
  { path: '/plans', label: '工作计划', icon: <AimOutlined aria-hidden /> },
  { path: '/reports', label: '季度上报', icon: <FileDoneOutlined aria-hidden /> },
  { path: '/documents', label: '文书报告', icon: <FileWordOutlined aria-hidden /> },
  { path: '/imports', label: '数据导入', icon: <ImportOutlined aria-hidden />, roles: ['admin', 'staff'] },
  { path: '/people', label: '人员', icon: <TeamOutlined aria-hidden /> },
  { path: '/users', label: '用户', icon: <UserSwitchOutlined aria-hidden />, roles: ['admin'] },
  { path: '/metrics', label: '指标与活动类型', icon: <FundOutlined aria-hidden />, roles: ['admin'] },
  { path: '/audit', label: '审计日志', icon: <AuditOutlined aria-hidden />, roles: ['admin'] },
];

export function navItemsFor(role: UserRole): NavItem[] {
  return navItems.filter((item) => !item.roles || item.roles.includes(role));
}

/** pages reached from a nav item's page without a nav entry of their own */
const navParentOf: Record<string, string> = { '/report-forms': '/reports', '/doc-templates': '/documents' };

/** the nav item a location belongs to ('/activities/123' → '/activities') */
export function activeNavPath(pathname: string): string {
  const parent = Object.entries(navParentOf).find(([path]) => pathname === path || pathname.startsWith(`${path}/`));
  if (parent) return parent[1];
  const match = navItems
    .filter((item) => item.path !== '/' && (pathname === item.path || pathname.startsWith(`${item.path}/`)))
    .sort((a, b) => b.path.length - a.path.length)[0];
  return match?.path ?? '/';
}
