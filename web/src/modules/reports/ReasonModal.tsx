import { Form, Input, Modal } from 'antd';

type Props = { open: boolean; title: string; confirmLoading: boolean; onCancel: () => void; onOk: (reason: string) => void };

/** asks for the reason of a return or a reopening (kept in the report's history) */
export function ReasonModal({ open, title, confirmLoading, onCancel, onOk }: Props) {
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <Modal open={open} title={title} okText="确定" cancelText="取消" confirmLoading={confirmLoading} onCancel={onCancel} onOk={() => form.validateFields().then((v) => onOk(v.reason))} destroyOnHidden>
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="reason" label="理由" rules={[{ required: true, whitespace: true, message: '请填写理由' }, { max: 500, message: '理由不能超过 500 个字' }]}>
          <Input.TextArea rows={3} placeholder="例如：微家数量与台账不符，请核实后重新上报" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
