import { CameraOutlined, FileAddOutlined } from '@ant-design/icons';
import { App, Button, Progress, Space } from 'antd';
import { useRef } from 'react';
import { useFileUpload } from './use-photo-upload.ts';
import type { AttachmentKind } from './activities.api.ts';

const MAX_BYTES = 10 * 1024 * 1024;

/** add photos or sign-in sheets (image or PDF) to a saved record */
export function AttachmentUploader({ activityId }: { activityId: string }) {
  const { uploadAll, progress } = useFileUpload();
  const { message } = App.useApp();
  const photoRef = useRef<HTMLInputElement>(null);
  const sheetRef = useRef<HTMLInputElement>(null);

  const send = async (kind: AttachmentKind, list: FileList | null) => {
    const files = Array.from(list ?? []);
    const tooBig = files.filter((f) => f.size > MAX_BYTES && !(kind === 'photo' && f.type.startsWith('image/')));
    if (tooBig.length) message.warning(`文件不能超过 10 MB：${tooBig.map((f) => f.name).join('、')}`);
    const ok = files.filter((f) => !tooBig.includes(f));
    if (!ok.length) return;
    const failures = await uploadAll(activityId, kind, ok);
    if (failures.length) message.error(`上传失败：${failures.join('；')}`);
    else message.success('已上传');
  };

  return (
    <div>
      <Space wrap>
        <Button icon={<CameraOutlined aria-hidden />} loading={progress !== null} onClick={() => photoRef.current?.click()}>添加照片</Button>
        <Button icon={<FileAddOutlined aria-hidden />} disabled={progress !== null} onClick={() => sheetRef.current?.click()}>上传签到表</Button>
      </Space>
      {progress ? (
        <div style={{ marginTop: 8 }} aria-live="polite">
          正在上传 {progress.done + 1}/{progress.total}
          <Progress percent={progress.percent} size="small" />
        </div>
      ) : null}
      <input ref={photoRef} type="file" accept="image/*" multiple style={{ display: 'none' }} onChange={(e) => { void send('photo', e.target.files); e.target.value = ''; }} />
      <input ref={sheetRef} type="file" accept="image/jpeg,image/png,image/webp,application/pdf" multiple style={{ display: 'none' }} onChange={(e) => { void send('signin_sheet', e.target.files); e.target.value = ''; }} />
    </div>
  );
}
