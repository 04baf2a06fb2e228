import { App, Form, Input, Modal, Typography } from 'antd';
import { errorText } from '../../lib/errors.ts';
import { useCloseOrg } from './orgs.api.ts';

type Props = { org: { id: string; name: string }; open: boolean; onClose: () => void };

export function OrgCloseModal({ org, open, onClose }: Props) {
  const [form] = Form.useForm<{ reason?: string }>();
  const close = useCloseOrg();
  const { message } = App.useApp();
  const submit = ({ reason }: { reason?: string }) =>
    close.mutate(
      { id: org.id, reason: reason || null },
      { onSuccess: () => { message.success('已撤销'); onClose(); }, onError: (e) => message.error(errorText(e)) },
    );
  return (
    <Modal
      open={open}
      title={`撤销“${org.name}”？`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="撤销"
      okButtonProps={{ danger: true }}
      cancelText="取消"
      confirmLoading={close.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">撤销后该组织不再出现在名单中，历史记录仍保留。有下级组织的须先撤销或移走下级。</Typography.Paragraph>
      <Form form={form} layout="vertical" preserve={false} onFinish={submit}>
        <Form.Item label="原因（可不填）" name="reason">
          <Input.TextArea rows={2} maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
