import { DeleteOutlined, DragOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import type { OrgDetail } from '@jinguo/common/orgs.schema.ts';
import { App, Button, Space } from 'antd';
import { useState } from 'react';
import { errorText } from '../../lib/errors.ts';
import { OrgCloseModal } from './OrgCloseModal.tsx';
import { OrgNameModal } from './OrgNameModal.tsx';
import { OrgPickerModal } from './OrgPickerModal.tsx';
import { useMoveOrg } from './orgs.api.ts';

type Dialog = 'create' | 'rename' | 'close' | 'move' | null;
type Props = { org: OrgDetail; isRoot: boolean; onSelect: (id: string) => void };

/** structure changes for admins: new child, rename, close, move (administrative federations do not move) */
export function OrgActions({ org, isRoot, onSelect }: Props) {
  const [dialog, setDialog] = useState<Dialog>(null);
  const move = useMoveOrg();
  const { modal, message } = App.useApp();
  const closeDialog = () => setDialog(null);
  const active = org.status === 'active';

  const confirmMove = (target: { id: string; name: string }) => {
    setDialog(null);
    modal.confirm({
      title: `把“${org.name}”移到“${target.name}”之下？`,
      content: '它的下级组织、人员和活动记录随之移动，统计数字会重新归属。',
      okText: '移动',
      cancelText: '取消',
      onOk: () =>
        move.mutateAsync({ id: org.id, newParentId: target.id }).then(
          () => message.success('已移动'),
          (e) => message.error(errorText(e)),
        ),
    });
  };

  return (
    <>
      <Space wrap>
        {active ? <Button icon={<PlusOutlined aria-hidden />} onClick={() => setDialog('create')}>新建下级组织</Button> : null}
        {active ? <Button icon={<EditOutlined aria-hidden />} onClick={() => setDialog('rename')}>重命名</Button> : null}
        {active && !isRoot && org.kind !== 'federation' ? (
          <Button icon={<DragOutlined aria-hidden />} onClick={() => setDialog('move')}>移动</Button>
        ) : null}
        {active && !isRoot ? <Button danger icon={<DeleteOutlined aria-hidden />} onClick={() => setDialog('close')}>撤销</Button> : null}
      </Space>
      <OrgNameModal
        mode="create"
        parent={org}
        open={dialog === 'create'}
        onClose={closeDialog}
        onCreated={(id) => {
          closeDialog();
          onSelect(id);
        }}
      />
      <OrgNameModal mode="rename" org={org} open={dialog === 'rename'} onClose={closeDialog} />
      <OrgCloseModal org={org} open={dialog === 'close'} onClose={closeDialog} />
      <OrgPickerModal open={dialog === 'move'} title="选择新的上级组织" excludeId={org.id} onClose={closeDialog} onPick={confirmMove} />
    </>
  );
}
