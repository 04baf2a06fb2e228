import type { PositionView } from '@jinguo/common/people.schema.ts';
import { positionRoleLabels } from '@jinguo/common/labels.zh-CN.ts';
import { todayInShanghai } from '@jinguo/common/periods.ts';
import { App, DatePicker, Form, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { showFieldErrors } from '../../lib/errors.ts';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { useEndPosition } from './people.api.ts';

export function EndPositionModal({ position, onClose }: { position: PositionView | null; onClose: () => void }) {
  const [form] = Form.useForm<{ endDate: Dayjs }>();
  const end = useEndPosition();
  const isPhone = useIsPhone();
  const { message } = App.useApp();
  const submit = ({ endDate }: { endDate: Dayjs }) =>
    position &&
    end.mutate(
      { id: position.id, endDate: endDate.format('YYYY-MM-DD') },
      {
        onSuccess: () => {
          message.success('已结束任职');
          onClose();
        },
        onError: (err) => showFieldErrors(form, err).forEach((m) => message.error(m)),
      },
    );
  return (
    <Modal
      open={position !== null}
      title={position ? `结束任职：${position.orgName} ${positionRoleLabels[position.role]}` : ''}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="确定"
      cancelText="取消"
      confirmLoading={end.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false} initialValues={{ endDate: dayjs(todayInShanghai()) }} onFinish={submit}>
        <Form.Item label="离任日期" name="endDate" rules={[{ required: true, message: '请选择离任日期' }]}>
          <DatePicker inputReadOnly={isPhone} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
