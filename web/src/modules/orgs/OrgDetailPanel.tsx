import { orgKindLabels, orgLevelLabels } from '@jinguo/common/labels.zh-CN.ts';
import { formatWithUnit } from '@jinguo/common/units.ts';
import { Breadcrumb, Card, Descriptions, Skeleton, Tabs, Tag } from 'antd';
import { QueryError } from '../../components/QueryError.tsx';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { useCurrentUser } from '../auth/auth.api.ts';
import { OrgActions } from './OrgActions.tsx';
import { OrgDrillList } from './OrgDrillList.tsx';
import { OrgRosterTab } from './OrgRosterTab.tsx';
import { OrgSitesTab } from './OrgSitesTab.tsx';
import { useOrg } from './orgs.api.ts';

type Props = { orgId: string; rootId: string; includeClosed: boolean; onSelect: (id: string) => void };

export function OrgDetailPanel({ orgId, rootId, includeClosed, onSelect }: Props) {
  const me = useCurrentUser();
  const isPhone = useIsPhone();
  const org = useOrg(orgId);
  if (org.isPending) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (org.isError) return <QueryError error={org.error} onRetry={() => org.refetch()} />;
  const o = org.data;
  const isAdmin = me.user.role === 'admin';
  const canEditSites = me.user.role !== 'executive';

  const tabs = [
    ...(isPhone
      ? [{ key: 'children', label: `下级组织（${o.childCount}）`, children: <OrgDrillList parentId={o.id} includeClosed={includeClosed} onOpen={(c) => onSelect(c.id)} /> }]
      : []),
    { key: 'roster', label: '人员名册', children: <OrgRosterTab orgId={o.id} /> },
    { key: 'sites', label: '阵地', children: <OrgSitesTab orgId={o.id} canEdit={canEditSites} /> },
  ];

  return (
    <>
      <Breadcrumb
        style={{ marginBottom: 8 }}
        items={o.breadcrumbs.map((b, i) => ({
          key: b.id,
          title: i === o.breadcrumbs.length - 1 ? b.name : <a onClick={() => onSelect(b.id)}>{b.name}</a>,
        }))}
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <div style={{ fontSize: 18, fontWeight: 600, marginBottom: 8 }}>
          {o.name} {o.status === 'closed' ? <Tag>已撤销</Tag> : null}
        </div>
        <Descriptions size="small" column={isPhone ? 2 : 4}>
          <Descriptions.Item label="类型">{orgKindLabels[o.kind]}</Descriptions.Item>
          <Descriptions.Item label="层级">{o.level ? orgLevelLabels[o.level] : '—'}</Descriptions.Item>
          <Descriptions.Item label="下级组织">{formatWithUnit(o.childCount, '个')}</Descriptions.Item>
          <Descriptions.Item label="状态">{o.status === 'active' ? '正常' : '已撤销'}</Descriptions.Item>
          {o.divisionCode ? <Descriptions.Item label="区划代码">{o.divisionCode}</Descriptions.Item> : null}
        </Descriptions>
        {isAdmin && o.canManage ? (
          <div style={{ marginTop: 8 }}>
            <OrgActions org={o} isRoot={o.id === rootId} onSelect={onSelect} />
          </div>
        ) : null}
      </Card>
      <Card size="small">
        <Tabs items={tabs} />
      </Card>
    </>
  );
}
