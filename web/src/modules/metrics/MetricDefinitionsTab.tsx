import { PlusOutlined } from '@ant-design/icons';
import type { MetricView } from '@jinguo/common/metrics.schema.ts';
import { App, Button, Empty, List, Skeleton, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { QueryError } from '../../components/QueryError.tsx';
import { errorText } from '../../lib/errors.ts';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { useActivityKinds } from '../activities/activities.api.ts';
import { useCurrentUser } from '../auth/auth.api.ts';
import { metricAggregationLabels, metricSourceLabels } from '@jinguo/common/labels.zh-CN.ts';
import { ownerLabel } from './metric-labels.ts';
import { MetricFormModal } from './MetricFormModal.tsx';
import { useMetrics, useUpdateMetric } from './metrics.api.ts';

export function MetricDefinitionsTab() {
  const me = useCurrentUser();
  const isPhone = useIsPhone();
  const metrics = useMetrics();
  const kinds = useActivityKinds();
  const update = useUpdateMetric();
  const { message } = App.useApp();
  const [editing, setEditing] = useState<MetricView | 'new' | null>(null);
  const kindName = (code: string) => kinds.data?.items.find((k) => k.code === code)?.name ?? code;
  const isOwn = (m: MetricView) => m.ownerOrgId === me.org.id;
  const how = (m: MetricView) => (m.aggregation ? metricAggregationLabels[m.aggregation] : metricSourceLabels[m.source]);
  const setActive = (m: MetricView, active: boolean) =>
    update.mutate({ code: m.code, active }, { onSuccess: () => message.success(active ? '已启用' : '已停用'), onError: (e) => message.error(errorText(e)) });
  const actions = (m: MetricView) =>
    isOwn(m) ? (
      <Space size={0}>
        <Button type="link" size="small" onClick={() => setEditing(m)}>编辑</Button>
        <Button type="link" size="small" danger={m.active} onClick={() => setActive(m, !m.active)}>{m.active ? '停用' : '启用'}</Button>
      </Space>
    ) : (
      <span className="jg-muted">不可修改</span>
    );
  const status = (m: MetricView) => (m.active ? <Tag color="green">启用</Tag> : <Tag>已停用</Tag>);

  if (metrics.isError) return <QueryError error={metrics.error} onRetry={() => metrics.refetch()} />;
  if (metrics.isPending) return <Skeleton active />;
  const items = metrics.data.items;
  return (
    <>
      <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing('new')} style={{ marginBottom: 12 }}>新建指标</Button>
      {items.length === 0 ? (
        <Empty description="还没有指标" />
      ) : isPhone ? (
        <List
          dataSource={items}
          renderItem={(m) => (
            <List.Item>
              <div style={{ width: '100%' }}>
                <strong>{m.name}</strong>（{m.unit}） {status(m)}
                <div className="jg-muted" style={{ fontSize: 13 }}>{how(m)} · {ownerLabel(m.ownerOrgId, me.org.id)}</div>
                <div className="jg-muted" style={{ fontSize: 13 }}>{m.kindCodes.map(kindName).join('、') || '—'}</div>
                {actions(m)}
              </div>
            </List.Item>
          )}
        />
      ) : (
        <Table<MetricView>
          rowKey="code"
          size="middle"
          dataSource={items}
          pagination={false}
          columns={[
            { title: '指标名称', dataIndex: 'name', width: 170 },
            { title: '单位', dataIndex: 'unit', width: 70 },
            { title: '统计方式', key: 'how', width: 130, render: (_, m) => how(m) },
            { title: '活动类型', key: 'kinds', render: (_, m) => m.kindCodes.map(kindName).join('、') || '—' },
            { title: '来源', key: 'owner', width: 100, render: (_, m) => ownerLabel(m.ownerOrgId, me.org.id) },
            { title: '状态', key: 'active', width: 90, render: (_, m) => status(m) },
            { title: '操作', key: 'actions', width: 140, render: (_, m) => actions(m) },
          ]}
        />
      )}
      <MetricFormModal metric={editing === 'new' ? null : editing} open={editing !== null} onClose={() => setEditing(null)} />
    </>
  );
}
