import { appointmentTypeLabels, positionRoleLabels } from '@jinguo/common/labels.zh-CN.ts';
import { todayInShanghai } from '@jinguo/common/periods.ts';
import { App, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs from 'dayjs';
import { showFieldErrors } from '../../lib/errors.ts';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { OrgPickerField } from '../orgs/OrgPickerField.tsx';
import { useCreatePosition } from './people.api.ts';
import { positionBody, roleHasAppointmentType, type PositionFormValues } from './position-form.ts';

type Props = { person: { id: string; name: string; orgId: string }; open: boolean; onClose: () => void };

export function PositionFormModal({ person, open, onClose }: Props) {
  const [form] = Form.useForm<PositionFormValues>();
  const role = Form.useWatch('role', form);
  const create = useCreatePosition();
  const isPhone = useIsPhone();
  const { message } = App.useApp();
  const submit = (v: PositionFormValues) =>
    create.mutate(positionBody(person.id, v), {
      onSuccess: () => {
        message.success('已添加职务');
        onClose();
      },
      onError: (err) => showFieldErrors(form, err).forEach((m) => message.error(m)),
    });
  return (
    <Modal open={open} title={`为 ${person.name} 添加职务`} onCancel={onClose} onOk={() => form.submit()} okText="保存" cancelText="取消" confirmLoading={create.isPending} destroyOnHidden>
      <Form<PositionFormValues>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ orgId: person.orgId, role: 'executive', startDate: dayjs(todayInShanghai()) }}
        onFinish={submit}
      >
        <Form.Item label="任职组织" name="orgId" rules={[{ required: true, message: '请选择组织' }]}>
          <OrgPickerField />
        </Form.Item>
        <Form.Item label="职务" name="role" rules={[{ required: true, message: '请选择职务' }]}>
          <Select options={Object.entries(positionRoleLabels).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        {roleHasAppointmentType(role) ? (
          <Form.Item label="任职方式" name="appointmentType" rules={[{ required: true, message: '请选择任职方式' }]}>
            <Select options={Object.entries(appointmentTypeLabels).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
        ) : null}
        <Form.Item label="任职日期" name="startDate" rules={[{ required: true, message: '请选择任职日期' }]}>
          <DatePicker inputReadOnly={isPhone} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label="离任日期（可不填）" name="endDate">
          <DatePicker inputReadOnly={isPhone} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label="届次（可不填）" name="term">
          <Input maxLength={50} placeholder="如：第十三届" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
