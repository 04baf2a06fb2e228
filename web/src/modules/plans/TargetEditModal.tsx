import type { TargetView } from '@jinguo/common/plans.schema.ts';
import { App, DatePicker, Form, InputNumber, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { showFieldErrors } from '../../lib/errors.ts';
import { useUpdateTarget } from './plans.api.ts';

type Values = { value?: number; deadline: Dayjs };

/** change a top target's value (only while it is not split) and its deadline */
export function TargetEditModal({ target, onClose }: { target: TargetView; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const update = useUpdateTarget();
  const { message } = App.useApp();
  const split = target.splitTotal !== null;
  const submit = (v: Values) =>
    update.mutate(
      { id: target.id, deadline: v.deadline.format('YYYY-MM-DD'), ...(target.value !== null && !split ? { value: v.value } : {}) },
      { onSuccess: () => { message.success('已保存'); onClose(); }, onError: (err) => showFieldErrors(form, err).forEach((m) => message.error(m)) },
    );
  return (
    <Modal open title={`编辑目标：${target.orgName} ${target.metricName ?? '里程碑'}`} onCancel={onClose} onOk={() => form.submit()} okText="保存" cancelText="取消" confirmLoading={update.isPending} destroyOnHidden>
      <Form<Values> form={form} layout="vertical" preserve={false} initialValues={{ value: target.value ?? undefined, deadline: dayjs(target.deadline) }} onFinish={submit}>
        {target.value !== null ? (
          <Form.Item label={`目标值（${target.unit ?? ''}）`} name="value" rules={[{ required: true, message: '请输入目标值' }]} extra={split ? '目标已分解到下级，请先调整分解' : undefined}>
            <InputNumber min={0} max={100000000} inputMode="decimal" disabled={split} style={{ width: 160 }} />
          </Form.Item>
        ) : null}
        <Form.Item label="完成期限" name="deadline" rules={[{ required: true, message: '请选择完成期限' }]}>
          <DatePicker style={{ width: '100%' }} inputReadOnly />
        </Form.Item>
      </Form>
    </Modal>
  );
}
