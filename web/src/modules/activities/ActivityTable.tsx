import type { ActivityView } from '@jinguo/common/activities.schema.ts';
import { formatWithUnit } from '@jinguo/common/units.ts';
import { Table, Tag } from 'antd';
import { Link } from 'react-router';

export function ActivityTable({ items, loading }: { items: ActivityView[]; loading: boolean }) {
  return (
    <Table<ActivityView>
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={items}
      pagination={false}
      scroll={{ x: 900 }}
      columns={[
        { title: '日期', dataIndex: 'date', width: 110 },
        { title: '活动名称', key: 'title', render: (_, a) => <Link to={`/activities/${a.id}`}>{a.title}</Link> },
        { title: '类型', key: 'kind', width: 140, render: (_, a) => <Tag color="magenta">{a.kindName}</Tag> },
        { title: '组织', dataIndex: 'orgName', width: 180 },
        { title: '地点', dataIndex: 'place', width: 140, render: (v: string | null) => v ?? '—' },
        { title: '参加人数', key: 'participants', width: 110, align: 'right', render: (_, a) => formatWithUnit(a.participants, a.participantUnit) },
        { title: '附件', key: 'attachments', width: 70, align: 'right', render: (_, a) => (a.attachments.length ? formatWithUnit(a.attachments.length, '个') : '—') },
      ]}
    />
  );
}
