import { PlusOutlined } from '@ant-design/icons';
import type { PositionView } from '@jinguo/common/people.schema.ts';
import { appointmentTypeLabels, positionRoleLabels } from '@jinguo/common/labels.zh-CN.ts';
import { App, Button, Empty, List, Popconfirm, Skeleton, Tag } from 'antd';
import { useState } from 'react';
import { QueryError } from '../../components/QueryError.tsx';
import { errorText } from '../../lib/errors.ts';
import { EndPositionModal } from './EndPositionModal.tsx';
import { useDeletePosition, usePersonPositions } from './people.api.ts';
import { PositionFormModal } from './PositionFormModal.tsx';

type Props = { person: { id: string; name: string; orgId: string }; canEdit: boolean };

/** the person's positions over time, in every org of the user's subtree */
export function PersonPositions({ person, canEdit }: Props) {
  const positions = usePersonPositions(person.id);
  const remove = useDeletePosition();
  const { message } = App.useApp();
  const [adding, setAdding] = useState(false);
  const [ending, setEnding] = useState<PositionView | null>(null);

  const actions = (p: PositionView) =>
    canEdit
      ? [
          p.endDate ? null : <Button key="end" type="link" size="small" onClick={() => setEnding(p)}>结束任职</Button>,
          <Popconfirm
            key="del"
            title="删除这条任职记录？"
            description="仅用于删除录错的记录；正常离任请用“结束任职”。"
            okText="删除"
            cancelText="取消"
            okButtonProps={{ danger: true }}
            onConfirm={() => remove.mutate(p.id, { onSuccess: () => message.success('已删除'), onError: (e) => message.error(errorText(e)) })}
          >
            <Button type="link" size="small" danger>删除</Button>
          </Popconfirm>,
        ].filter(Boolean)
      : undefined;

  return (
    <>
      {canEdit ? (
        <Button icon={<PlusOutlined aria-hidden />} onClick={() => setAdding(true)} style={{ marginBottom: 8 }}>添加职务</Button>
      ) : null}
      {positions.isError ? <QueryError error={positions.error} onRetry={() => positions.refetch()} /> : null}
      {positions.isPending ? (
        <Skeleton active />
      ) : !positions.data?.items.length ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无任职记录" />
      ) : (
        <List
          dataSource={positions.data.items}
          renderItem={(p) => (
            <List.Item actions={actions(p)}>
              <List.Item.Meta
                title={
                  <>
                    {p.orgName} · {positionRoleLabels[p.role]}
                    {p.appointmentType ? `（${appointmentTypeLabels[p.appointmentType]}）` : ''}{' '}
                    {p.endDate ? <Tag>已离任</Tag> : <Tag color="green">在任</Tag>}
                  </>
                }
                description={`${p.startDate} 至 ${p.endDate ?? '今'}${p.term ? ` · ${p.term}` : ''}`}
              />
            </List.Item>
          )}
        />
      )}
      <PositionFormModal person={person} open={adding} onClose={() => setAdding(false)} />
      <EndPositionModal position={ending} onClose={() => setEnding(null)} />
    </>
  );
}
