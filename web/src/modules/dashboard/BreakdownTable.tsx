import { RightOutlined } from '@ant-design/icons';
import { formatWithUnit } from '@jinguo/common/units.ts';
import { Button, Empty, List, Table, Tag } from 'antd';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { rowLabel, type Breakdown, type BreakdownRow } from './breakdown-rows.ts';

type Props = { breakdown: Breakdown; onDrill: (row: BreakdownRow) => void; onRecords: (row: BreakdownRow) => void };

export function BreakdownTable({ breakdown, onDrill, onRecords }: Props) {
  const isPhone = useIsPhone();
  const unit = breakdown.metric.unit;
  if (breakdown.rows.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无数据" />;
  if (isPhone) {
    return (
      <List
        dataSource={breakdown.rows}
        rowKey={(r) => `${r.orgId}-${r.own}`}
        renderItem={(row) => (
          <List.Item
            className="jg-clickable"
            onClick={() => (row.hasChildren && !row.own ? onDrill(row) : onRecords(row))}
            style={{ minHeight: 52 }}
            extra={<RightOutlined aria-hidden className="jg-muted" />}
          >
            <span style={{ flex: 1 }}>
              {rowLabel(row)} {row.own ? <Tag>本级录入</Tag> : null}
            </span>
            <strong style={{ marginRight: 8 }}>{formatWithUnit(row.value, unit)}</strong>
          </List.Item>
        )}
      />
    );
  }
  return (
    <Table<BreakdownRow>
      size="small"
      pagination={false}
      rowKey={(r) => `${r.orgId}-${r.own}`}
      dataSource={breakdown.rows}
      columns={[
        {
          title: '组织',
          key: 'name',
          render: (_, row) =>
            row.hasChildren && !row.own ? <a onClick={() => onDrill(row)}>{rowLabel(row)}</a> : rowLabel(row),
        },
        { title: breakdown.metric.name, key: 'value', align: 'right', render: (_, row) => formatWithUnit(row.value, unit) },
        {
          title: '操作',
          key: 'actions',
          width: 200,
          render: (_, row) => (
            <>
              {row.hasChildren && !row.own ? <Button type="link" size="small" onClick={() => onDrill(row)}>下钻</Button> : null}
              <Button type="link" size="small" onClick={() => onRecords(row)}>查看记录</Button>
            </>
          ),
        },
      ]}
    />
  );
}
