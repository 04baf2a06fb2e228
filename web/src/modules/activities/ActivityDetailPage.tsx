import { DeleteOutlined, EditOutlined, LeftOutlined } from '@ant-design/icons';
import { formatWithUnit } from '@jinguo/common/units.ts';
import { App, Button, Card, Descriptions, Skeleton } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { errorText } from '../../lib/errors.ts';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { useCurrentUser } from '../auth/auth.api.ts';
import { useActivity, useDeleteActivity } from './activities.api.ts';
import { canChangeActivity } from './activity-permissions.ts';
import { AttachmentList } from './AttachmentList.tsx';
import { AttachmentUploader } from './AttachmentUploader.tsx';
import { ParticipantNames } from './ParticipantNames.tsx';

export function ActivityDetailPage() {
  const { id = '' } = useParams();
  const me = useCurrentUser();
  const isPhone = useIsPhone();
  const navigate = useNavigate();
  const activity = useActivity(id);
  const remove = useDeleteActivity();
  const { modal, message } = App.useApp();

  if (activity.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (activity.isError) return <QueryError error={activity.error} onRetry={() => activity.refetch()} />;
  const a = activity.data;
  const canChange = canChangeActivity(me, a);

  const confirmDelete = () =>
    modal.confirm({
      title: '删除这条活动记录？',
      content: '删除后，看板上的相关数字会随之减少，且无法恢复。',
      okText: '删除',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: () =>
        remove.mutateAsync(a.id).then(
          () => {
            message.success('已删除');
            navigate('/activities', { replace: true });
          },
          (err) => message.error(errorText(err)),
        ),
    });

  return (
    <>
      <Button type="link" icon={<LeftOutlined aria-hidden />} onClick={() => navigate(-1)} style={{ paddingLeft: 0, marginBottom: 4 }}>
        返回
      </Button>
      <PageHeader
        title={a.title}
        extra={
          canChange ? (
            <>
              <Button icon={<EditOutlined aria-hidden />} onClick={() => navigate(`/activities/${a.id}/edit`)}>编辑</Button>
              <Button danger icon={<DeleteOutlined aria-hidden />} onClick={confirmDelete}>删除</Button>
            </>
          ) : null
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions column={isPhone ? 1 : 2} size="small">
          <Descriptions.Item label="活动类型">{a.kindName}</Descriptions.Item>
          <Descriptions.Item label="日期">{a.date}</Descriptions.Item>
          <Descriptions.Item label="组织">{a.orgName}</Descriptions.Item>
          <Descriptions.Item label="地点">{a.place ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="参加人数">{formatWithUnit(a.participants, a.participantUnit)}</Descriptions.Item>
          <Descriptions.Item label="参加人员"><ParticipantNames ids={a.participantIds} /></Descriptions.Item>
          <Descriptions.Item label="备注" span={isPhone ? 1 : 2}>
            <span style={{ whiteSpace: 'pre-wrap' }}>{a.notes ?? '—'}</span>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title="照片与签到表" extra={null}>
        <AttachmentList activityId={a.id} attachments={a.attachments} canDelete={canChange} />
        {canChange ? (
          <div style={{ marginTop: 12 }}>
            <AttachmentUploader activityId={a.id} />
          </div>
        ) : null}
      </Card>
    </>
  );
}
