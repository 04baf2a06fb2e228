import { EyeOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { showFieldErrors } from '../../lib/errors.ts';
import { useUnmask } from './people.api.ts';

type Field = 'phone' | 'idNumber';
const fieldLabel: Record<Field, string> = { phone: '手机号', idNumber: '身份证号' };

/** the clear number is shown only after a reason is given; the server records every view */
export function UnmaskButton({ personId, field }: { personId: string; field: Field }) {
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState<string | null>(null);
  const [form] = Form.useForm<{ reason: string }>();
  const unmask = useUnmask();
  const [problems, setProblems] = useState<string[]>([]);
  const close = () => {
    setOpen(false);
    setValue(null);
    setProblems([]);
    form.resetFields();
  };
  const submit = ({ reason }: { reason: string }) =>
    unmask.mutate(
      { id: personId, field, reason },
      { onSuccess: (r) => setValue(r.value ?? '（未填写）'), onError: (err) => setProblems(showFieldErrors(form, err)) },
    );

  return (
    <>
      <Button type="link" size="small" icon={<EyeOutlined aria-hidden />} onClick={() => setOpen(true)}>
        查看完整号码
      </Button>
      <Modal
        open={open}
        title={`查看完整${fieldLabel[field]}`}
        onCancel={close}
        destroyOnHidden
        footer={
          value === null
            ? [<Button key="c" onClick={close}>取消</Button>, <Button key="ok" type="primary" loading={unmask.isPending} onClick={() => form.submit()}>查看</Button>]
            : [<Button key="done" type="primary" onClick={close}>关闭</Button>]
        }
      >
        {value === null ? (
          <>
            <Alert type="warning" showIcon style={{ marginBottom: 16 }} message="每次查看都会被记录（查看人、时间、原因），请仅在工作需要时查看。" />
            <Form form={form} layout="vertical" onFinish={submit}>
              <Form.Item label="查看原因" name="reason" rules={[{ required: true, whitespace: true, message: '请填写查看原因' }]}>
                <Input.TextArea rows={2} maxLength={200} placeholder="如：电话通知参加培训" />
              </Form.Item>
            </Form>
            {problems.length ? <Alert type="error" showIcon message={problems.join('；')} /> : null}
          </>
        ) : (
          <Typography.Paragraph copyable={{ text: value, tooltips: ['复制', '已复制'] }} style={{ fontSize: 20, letterSpacing: 1 }}>
            {value}
          </Typography.Paragraph>
        )}
      </Modal>
    </>
  );
}
