import { PlusOutlined } from '@ant-design/icons';
import type { ActivityKind } from '@jinguo/common/activities.schema.ts';
import { App, Button, Empty, List, Skeleton, Space, Tag } from 'antd';
import { useState } from 'react';
import { QueryError } from '../../components/QueryError.tsx';
import { errorText } from '../../lib/errors.ts';
import { useActivityKinds, useUpdateActivityKind } from '../activities/activities.api.ts';
import { useCurrentUser } from '../auth/auth.api.ts';
import { KindFormModal } from './KindFormModal.tsx';
import { ownerLabel } from './metric-labels.ts';

export function ActivityKindsTab() {
  const me = useCurrentUser();
  const kinds = useActivityKinds();
  const update = useUpdateActivityKind();
  const { message } = App.useApp();
  const [editing, setEditing] = useState<ActivityKind | 'new' | null>(null);
  const setActive = (k: ActivityKind, active: boolean) =>
    update.mutate({ code: k.code, active }, { onSuccess: () => message.success(active ? '已启用' : '已停用'), onError: (e) => message.error(errorText(e)) });

  if (kinds.isError) return <QueryError error={kinds.error} onRetry={() => kinds.refetch()} />;
  if (kinds.isPending) return <Skeleton active />;
  return (
    <>
      <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing('new')} style={{ marginBottom: 12 }}>新建活动类型</Button>
      {kinds.data.items.length === 0 ? (
        <Empty description="还没有活动类型" />
      ) : (
        <List
          dataSource={kinds.data.items}
          renderItem={(k) => (
            <List.Item
              actions={
                k.ownerOrgId === me.org.id
                  ? [
                      <Button key="e" type="link" size="small" onClick={() => setEditing(k)}>编辑</Button>,
                      <Button key="a" type="link" size="small" danger={k.active} onClick={() => setActive(k, !k.active)}>{k.active ? '停用' : '启用'}</Button>,
                    ]
                  : undefined
              }
            >
              <Space wrap>
                <strong>{k.name}</strong>
                <span className="jg-muted">单位：{k.participantUnit}</span>
                <span className="jg-muted">{ownerLabel(k.ownerOrgId, me.org.id)}</span>
                {k.active ? null : <Tag>已停用</Tag>}
              </Space>
            </List.Item>
          )}
        />
      )}
      <KindFormModal kind={editing === 'new' ? null : editing} open={editing !== null} onClose={() => setEditing(null)} />
    </>
  );
}
