import type { TaskView } from '@jinguo/common/plans.schema.ts';
import { DatePicker, Form, Input, Modal, Radio } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useFormFeedback } from '../../lib/use-form-feedback.ts';
import { OrgPickerField } from '../orgs/OrgPickerField.tsx';
import { PersonPickerField } from './PersonPickerField.tsx';
import { useCreateTask, useUpdateTask } from './plans.api.ts';

type OwnerKind = 'org' | 'person';
type Values = { kind: 'section' | 'item'; title: string; body?: string; ownerKind: OwnerKind; ownerOrgId?: string | null; ownerPersonId?: string | null; deadline?: Dayjs | null };
type Props = { planId: string; planOrgId: string; parent: TaskView | null; task: TaskView | null; onClose: () => void };

/** a section (一、…) or an item of a plan: title, owner org or person (of the plan org's subtree), deadline, free text */
export function TaskFormModal({ planId, planOrgId, parent, task, onClose }: Props) {
  const [form] = Form.useForm<Values>();
  const create = useCreateTask();
  const update = useUpdateTask();
  const { saved, failed: fail } = useFormFeedback(form);
  const done = saved(onClose);
  const submit = (v: Values) => {
    const byPerson = v.ownerKind === 'person';
    const owners = { ownerOrgId: byPerson ? null : (v.ownerOrgId ?? null), ownerPersonId: byPerson ? (v.ownerPersonId ?? null) : null };
    const common = { title: v.title, body: v.body ?? null, ...owners, deadline: v.deadline ? v.deadline.format('YYYY-MM-DD') : null };
    if (task) update.mutate({ id: task.id, ...common }, { onSuccess: done, onError: fail });
    else create.mutate({ planId, parentTaskId: parent?.id ?? null, kind: v.kind, ...common }, { onSuccess: done, onError: fail });
  };
  const initial: Partial<Values> = task
    ? {
        kind: task.kind,
        title: task.title,
        body: task.body ?? undefined,
        ownerKind: task.ownerPersonId ? 'person' : 'org',
        ownerOrgId: task.ownerOrgId,
        ownerPersonId: task.ownerPersonId,
        deadline: task.deadline ? dayjs(task.deadline) : null,
      }
    : { kind: parent ? 'item' : 'section', ownerKind: 'org' };
  const ownerKind = Form.useWatch('ownerKind', form) ?? initial.ownerKind;
  return (
    <Modal open title={task ? '编辑任务' : parent ? `在“${parent.title}”下添加任务` : '添加任务'} onCancel={onClose} onOk={() => form.submit()} okText="保存" cancelText="取消" confirmLoading={create.isPending || update.isPending} destroyOnHidden>
      <Form<Values> form={form} layout="vertical" preserve={false} initialValues={initial} onFinish={submit}>
        {task ? null : (
          <Form.Item label="类型" name="kind">
            <Radio.Group options={[{ value: 'section', label: '部分（如“一、思想引领”）' }, { value: 'item', label: '事项' }]} />
          </Form.Item>
        )}
        <Form.Item label="名称" name="title" rules={[{ required: true, whitespace: true, message: '请输入名称' }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item label="责任主体" name="ownerKind">
          <Radio.Group optionType="button" options={[{ value: 'org', label: '责任单位' }, { value: 'person', label: '负责人' }]} />
        </Form.Item>
        {ownerKind === 'person' ? (
          <Form.Item label="负责人" name="ownerPersonId" extra="本计划所属组织及其下级组织的人员">
            <PersonPickerField orgId={planOrgId} initialLabel={task?.ownerPersonName} />
          </Form.Item>
        ) : (
          <Form.Item label="责任单位" name="ownerOrgId">
            <OrgPickerField allowClear placeholder="选择责任单位" />
          </Form.Item>
        )}
        <Form.Item label="完成期限" name="deadline">
          <DatePicker style={{ width: '100%' }} inputReadOnly />
        </Form.Item>
        <Form.Item label="说明" name="body">
          <Input.TextArea maxLength={4000} autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
