import type { ActivityKind } from '@jinguo/common/activities.schema.ts';
import { participantUnits, type ParticipantUnit } from '@jinguo/common/units.ts';
import { Form, Input, InputNumber, Modal, Radio } from 'antd';
import { useFormFeedback } from '../../lib/use-form-feedback.ts';
import { useCreateActivityKind, useUpdateActivityKind } from '../activities/activities.api.ts';

type Values = { name: string; participantUnit: ParticipantUnit; sort?: number };

export function KindFormModal({ kind, open, onClose }: { kind: ActivityKind | null; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const create = useCreateActivityKind();
  const update = useUpdateActivityKind();
  const { saved, failed: fail } = useFormFeedback(form);
  const done = saved(onClose);
  const submit = (v: Values) => {
    if (kind) update.mutate({ code: kind.code, ...v }, { onSuccess: done, onError: fail });
    else create.mutate(v, { onSuccess: done, onError: fail });
  };
  return (
    <Modal open={open} title={kind ? `编辑活动类型：${kind.name}` : '新建活动类型'} onCancel={onClose} onOk={() => form.submit()} okText="保存" cancelText="取消" confirmLoading={create.isPending || update.isPending} destroyOnHidden>
      <Form<Values> form={form} layout="vertical" preserve={false} initialValues={kind ?? { participantUnit: '人次' }} onFinish={submit}>
        <Form.Item label="名称" name="name" rules={[{ required: true, whitespace: true, message: '请输入名称' }]}>
          <Input maxLength={30} placeholder="如：家庭教育讲座" />
        </Form.Item>
        <Form.Item label="参加人数单位" name="participantUnit" extra="同一批人多次参加的活动用“人次”。">
          <Radio.Group options={participantUnits.map((u) => ({ value: u, label: u }))} optionType="button" />
        </Form.Item>
        <Form.Item label="排序（数字小的在前）" name="sort">
          <InputNumber min={0} max={10000} precision={0} inputMode="numeric" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
