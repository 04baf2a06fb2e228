import { DeleteOutlined, FileOutlined } from '@ant-design/icons';
import { formatWithUnit } from '@jinguo/common/units.ts';
import { App, Button, Empty, Image, List, Popconfirm, Space, Typography } from 'antd';
import { errorText } from '../../lib/errors.ts';
import { useDeleteAttachment, type Attachment } from './activities.api.ts';

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

type Props = { activityId: string; attachments: Attachment[]; canDelete: boolean };

export function AttachmentList({ activityId, attachments, canDelete }: Props) {
  const remove = useDeleteAttachment();
  const { message } = App.useApp();
  const photos = attachments.filter((a) => a.kind === 'photo');
  const sheets = attachments.filter((a) => a.kind === 'signin_sheet');
  const del = (a: Attachment) =>
    remove.mutate({ activityId, attachmentId: a.id }, { onSuccess: () => message.success('已删除'), onError: (e) => message.error(errorText(e)) });
  const deleteButton = (a: Attachment) =>
    canDelete ? (
      <Popconfirm title="删除这个附件？" okText="删除" cancelText="取消" okButtonProps={{ danger: true }} onConfirm={() => del(a)}>
        <Button size="small" type="text" danger icon={<DeleteOutlined aria-hidden />} aria-label={`删除${a.fileName}`} />
      </Popconfirm>
    ) : null;

  if (attachments.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="还没有照片或签到表" />;
  return (
    <>
      {photos.length ? (
        <>
          <Typography.Text type="secondary">照片（{formatWithUnit(photos.length, '张')}）</Typography.Text>
          <Image.PreviewGroup>
            <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, margin: '8px 0 16px' }}>
              {photos.map((p) => (
                <Space key={p.id} direction="vertical" size={0} align="center">
                  <Image src={p.url} alt={p.fileName} width={96} height={96} style={{ objectFit: 'cover', borderRadius: 6 }} loading="lazy" />
                  {deleteButton(p)}
                </Space>
              ))}
            </div>
          </Image.PreviewGroup>
        </>
      ) : null}
      {sheets.length ? (
        <List
          header={<Typography.Text type="secondary">签到表</Typography.Text>}
          dataSource={sheets}
          renderItem={(s) => (
            <List.Item actions={[<a key="dl" href={s.url} download={s.fileName}>下载</a>, deleteButton(s)]}>
              <span>
                <FileOutlined aria-hidden /> {s.fileName} <span className="jg-muted">（{sizeText(s.sizeBytes)}）</span>
              </span>
            </List.Item>
          )}
        />
      ) : null}
    </>
  );
}
