import { Alert, App, Button, Input, Modal } from 'antd';
import type { ChaseResult } from './reports.api.ts';

/** the result of a chase: who was reminded in the app, and the message to paste into a group chat */
export function ChaseModal({ result, onClose }: { result: ChaseResult | null; onClose: () => void }) {
  const { message } = App.useApp();
  const copy = async () => {
    if (!result) return;
    try {
      await navigator.clipboard.writeText(result.message);
      message.success('已复制，可粘贴到微信群');
    } catch {
      message.warning('无法自动复制，请长按文字手动复制');
    }
  };
  return (
    <Modal open={result !== null} title="催报" onCancel={onClose} footer={[<Button key="close" onClick={onClose}>关闭</Button>, <Button key="copy" type="primary" onClick={copy}>复制通知文字</Button>]}>
      {result ? (
        <>
          <Alert type="success" showIcon style={{ marginBottom: 12 }} message={`已向 ${result.units.length} 个未报单位发送站内提醒`} />
          <Input.TextArea value={result.message} readOnly autoSize={{ minRows: 5, maxRows: 14 }} aria-label="通知文字" />
        </>
      ) : null}
    </Modal>
  );
}
