import type { PositionView } from '@jinguo/common/people.schema.ts';
import { appointmentTypeLabels, positionRoleLabels } from '@jinguo/common/labels.zh-CN.ts';
import { formatWithUnit } from '@jinguo/common/units.ts';
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Empty, List, Skeleton, Switch, Table, Tag } from 'antd';
import { withQuery } from '../../lib/api-client.ts';
import { useState } from 'react';
import { Link } from 'react-router';
import { QueryError } from '../../components/QueryError.tsx';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { useOrgRoster } from './orgs.api.ts';

function roleText(p: PositionView): string {
  return p.appointmentType ? `${positionRoleLabels[p.role]}（${appointmentTypeLabels[p.appointmentType]}）` : positionRoleLabels[p.role];
}

function termText(p: PositionView): string {
  return `${p.startDate} 至 ${p.endDate ?? '今'}${p.term ? ` · ${p.term}` : ''}`;
}

export function OrgRosterTab({ orgId }: { orgId: string }) {
  const [includeEnded, setIncludeEnded] = useState(false);
  const roster = useOrgRoster(orgId, includeEnded);
  const isPhone = useIsPhone();
  const items = roster.data?.items ?? [];
  return (
    <>
      <div style={{ marginBottom: 12, display: 'flex', alignItems: 'center', gap: 8, flexWrap: 'wrap' }}>
        <Switch checked={includeEnded} onChange={setIncludeEnded} aria-label="包含已离任" /> 包含已离任
        {roster.data ? <span className="jg-muted">共 {formatWithUnit(items.length, '人')}</span> : null}
        <Button size="small" icon={<DownloadOutlined aria-hidden />} href={withQuery(`/api/orgs/${orgId}/roster/export`, { includeEnded: String(includeEnded) })} style={{ marginLeft: 'auto' }}>
          导出名单
        </Button>
      </div>
      {roster.isError ? <QueryError error={roster.error} onRetry={() => roster.refetch()} /> : null}
      {roster.isPending ? (
        <Skeleton active />
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无在任人员" />
      ) : isPhone ? (
        <List
          dataSource={items}
          renderItem={(p) => (
            <List.Item>
              <List.Item.Meta
                title={<Link to={`/people/${p.personId}`}>{p.personName}</Link>}
                description={<>{roleText(p)} · {termText(p)} {p.endDate ? <Tag>已离任</Tag> : null}</>}
              />
            </List.Item>
          )}
        />
      ) : (
        <Table<PositionView>
          rowKey="id"
          size="small"
          dataSource={items}
          pagination={items.length > 50 ? { pageSize: 50 } : false}
          columns={[
            { title: '姓名', key: 'name', render: (_, p) => <Link to={`/people/${p.personId}`}>{p.personName}</Link> },
            { title: '职务', key: 'role', render: (_, p) => roleText(p) },
            { title: '任职时间', key: 'term', render: (_, p) => termText(p) },
            { title: '状态', key: 'status', width: 90, render: (_, p) => (p.endDate ? <Tag>已离任</Tag> : <Tag color="green">在任</Tag>) },
          ]}
        />
      )}
    </>
  );
}
