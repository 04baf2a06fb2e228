import { FileWordOutlined } from '@ant-design/icons';
import type { PlanImportDraft } from '@jinguo/common/plan-import.schema.ts';
import { MAX_PLAN_DOCX_BYTES, MAX_PLAN_TEXT } from '@jinguo/common/plan-import.schema.ts';
import { Alert, App, Button, Card, Input, Segmented, Typography, Upload } from 'antd';
import { useState } from 'react';
import { errorText } from '../../lib/errors.ts';
import { useReadPlanDocx, useReadPlanText } from './plan-import.api.ts';

type Props = { onRead: (draft: PlanImportDraft, source: string) => void };

/** step 1: a .docx uploaded or the text pasted, read by the server into a draft (nothing saved yet) */
export function PlanImportSource({ onRead }: Props) {
  const [mode, setMode] = useState<'docx' | 'text'>('docx');
  const [text, setText] = useState('');
  const readDocx = useReadPlanDocx();
  const readText = useReadPlanText();
  const { message } = App.useApp();
  const failed = readDocx.error ?? readText.error;

  const sendFile = (file: File) => {
    if (file.size > MAX_PLAN_DOCX_BYTES) message.error('文件不能超过 10 MB');
    else readDocx.mutate(file, { onSuccess: (d) => onRead(d, file.name) });
    return Upload.LIST_IGNORE;
  };
  const sendText = () => readText.mutate(text, { onSuccess: (d) => onRead(d, '粘贴的正文') });

  return (
    <Card size="small" title="第一步：读取计划文档">
      <Segmented
        block
        value={mode}
        onChange={(v) => setMode(v as 'docx' | 'text')}
        options={[{ value: 'docx', label: '上传 Word 文档' }, { value: 'text', label: '粘贴正文' }]}
        style={{ marginBottom: 12 }}
      />
      {mode === 'docx' ? (
        <Upload.Dragger accept=".docx" showUploadList={false} beforeUpload={sendFile} disabled={readDocx.isPending} aria-label="上传计划文档（.docx）">
          <p className="ant-upload-drag-icon"><FileWordOutlined aria-hidden /></p>
          <p>{readDocx.isPending ? '正在读取…' : '点击选择或拖入计划文档（.docx）'}</p>
          <p className="jg-muted" style={{ fontSize: 13 }}>按“一、（一）1.（1）”等编号读出任务，找出带数字的目标供您确认</p>
        </Upload.Dragger>
      ) : (
        <>
          <Input.TextArea
            aria-label="计划正文"
            value={text}
            onChange={(e) => setText(e.target.value)}
            autoSize={{ minRows: 8, maxRows: 18 }}
            maxLength={MAX_PLAN_TEXT}
            placeholder={'把计划正文粘贴到这里，例如：\n一、思想引领\n（一）全年开展巾帼大宣讲不少于100场。'}
          />
          <Button type="primary" block style={{ marginTop: 12 }} loading={readText.isPending} disabled={!text.trim()} onClick={sendText}>
            读取正文
          </Button>
        </>
      )}
      {failed ? <Alert type="error" showIcon style={{ marginTop: 12 }} message={errorText(failed)} /> : null}
      <Typography.Paragraph className="jg-muted" style={{ fontSize: 13, margin: '12px 0 0' }}>
        读取后不会立即保存：您可以修改任务、确认或删去每个目标，再保存为计划。
      </Typography.Paragraph>
    </Card>
  );
}
