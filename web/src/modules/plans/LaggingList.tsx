import { progressStatusLabels } from '@jinguo/common/labels.zh-CN.ts';
import type { LaggingItem } from '@jinguo/common/plans.schema.ts';
import { formatWithUnit } from '@jinguo/common/units.ts';
import { Card, Empty, List, Tag, Typography } from 'antd';
import { progressStatusColors } from './plan-labels.ts';

const fmt = (n: number | null, unit: string | null) => (n === null ? '—' : formatWithUnit(n, unit ?? ''));

/** the lagging units, item by item: who, which target, how far behind what today's date asks */
export function LaggingList({ items }: { items: LaggingItem[] }) {
  return (
    <Card size="small" title={`滞后单位（${items.length} 项）`} style={{ marginBottom: 16 }}>
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有滞后的单位" />
      ) : (
        <List
          size="small"
          dataSource={items}
          pagination={items.length > 6 ? { pageSize: 6, simple: true } : false}
          renderItem={(l) => (
            <List.Item key={l.targetId}>
              <div style={{ width: '100%' }}>
                <Typography.Text strong>{l.orgName}</Typography.Text> <Tag color={progressStatusColors[l.status]}>{progressStatusLabels[l.status]}</Tag>
                <div className="jg-muted" style={{ fontSize: 13 }}>
                  {l.taskTitle} · {l.label}：目标 {fmt(l.value, l.unit)}，已完成 {fmt(l.actual, l.unit)}，应完成 {fmt(l.expected, l.unit)}，期限 {l.deadline}
                </div>
              </div>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
