import type { PersonView } from '@jinguo/common/people.schema.ts';
import { genderLabels } from '@jinguo/common/labels.zh-CN.ts';
import { App, Form, Input, Modal, Radio } from 'antd';
import { useState } from 'react';
import { showFieldErrors } from '../../lib/errors.ts';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { OrgPickerField } from '../orgs/OrgPickerField.tsx';
import { useCreatePerson, useUpdatePerson } from './people.api.ts';
import { personBody, personFormValues, type PersonFormValues } from './person-form.ts';

type Props = { person: PersonView | null; defaultOrgId?: string; open: boolean; onClose: () => void; onSaved?: (p: PersonView) => void };

export function PersonFormModal({ person, defaultOrgId, open, onClose, onSaved }: Props) {
  const [form] = Form.useForm<PersonFormValues>();
  const create = useCreatePerson();
  const update = useUpdatePerson();
  const isPhone = useIsPhone();
  const { message } = App.useApp();
  const [problems, setProblems] = useState<string[]>([]);
  const done = (p: PersonView) => {
    message.success('已保存');
    onSaved?.(p);
    onClose();
  };
  const fail = (err: unknown) => setProblems(showFieldErrors(form, err));
  const submit = (v: PersonFormValues) => {
    setProblems([]);
    if (person) update.mutate({ id: person.id, ...personBody(v, true) }, { onSuccess: done, onError: fail });
    else create.mutate({ orgId: v.orgId, ...personBody(v, false) }, { onSuccess: done, onError: fail });
  };
  const keepHint = (masked: string | null) => (person && masked ? `当前：${masked}；不修改请留空` : undefined);

  return (
    <Modal
      open={open}
      title={person ? `编辑：${person.name}` : '新增人员'}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="保存"
      cancelText="取消"
      confirmLoading={create.isPending || update.isPending}
      width={isPhone ? '100%' : 620}
      style={isPhone ? { top: 8, maxWidth: 'calc(100vw - 16px)' } : undefined}
      destroyOnHidden
    >
      <Form<PersonFormValues> form={form} layout="vertical" preserve={false} initialValues={personFormValues(person, defaultOrgId)} onFinish={submit}>
        {person ? null : (
          <Form.Item label="所在组织" name="orgId" rules={[{ required: true, message: '请选择组织' }]}>
            <OrgPickerField />
          </Form.Item>
        )}
        <Form.Item label="姓名" name="name" rules={[{ required: true, whitespace: true, message: '请输入姓名' }]}>
          <Input maxLength={50} autoComplete="off" />
        </Form.Item>
        <Form.Item label="性别" name="gender">
          <Radio.Group options={Object.entries(genderLabels).map(([value, label]) => ({ value, label }))} optionType="button" />
        </Form.Item>
        <Form.Item label="手机号" name="phone" extra={keepHint(person?.phone ?? null)}>
          <Input inputMode="tel" maxLength={11} autoComplete="off" />
        </Form.Item>
        <Form.Item label="身份证号" name="idNumber" extra={keepHint(person?.idNumber ?? null)}>
          <Input maxLength={18} autoComplete="off" />
        </Form.Item>
        <Form.Item label="民族" name="ethnicity"><Input maxLength={20} placeholder="如：汉族" /></Form.Item>
        <Form.Item label="学历" name="education"><Input maxLength={20} placeholder="如：大专" /></Form.Item>
        <Form.Item label="政治面貌" name="politicalStatus"><Input maxLength={20} placeholder="如：中共党员" /></Form.Item>
        <Form.Item label="工作单位及职务" name="workplace"><Input maxLength={100} /></Form.Item>
        <Form.Item label="备注" name="notes"><Input.TextArea rows={2} maxLength={500} /></Form.Item>
      </Form>
      {problems.length ? <div role="alert" style={{ color: '#cf1322' }}>{problems.join('；')}</div> : null}
    </Modal>
  );
}
