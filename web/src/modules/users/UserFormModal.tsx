import type { UserRole } from '@jinguo/common/enums.ts';
import { userRoleLabels } from '@jinguo/common/labels.zh-CN.ts';
import type { UserView } from '@jinguo/common/users.schema.ts';
import { App, Form, Input, Modal, Select } from 'antd';
import { showFieldErrors } from '../../lib/errors.ts';
import { strongPasswordRule } from '../auth/password-hint.ts';
import { PasswordStrengthHint } from '../auth/PasswordStrengthHint.tsx';
import { OrgPickerField } from '../orgs/OrgPickerField.tsx';
import { useCreateUser, useUpdateUser } from './users.api.ts';

type Values = { username: string; displayName: string; orgId: string; role: UserRole; password: string };
type Props = { user: UserView | null; defaultOrgId: string; open: boolean; onClose: () => void };

const roleOptions = Object.entries(userRoleLabels).map(([value, label]) => ({ value, label }));

/** new account (initial password: the user must change it at first login) or a new name / role */
export function UserFormModal({ user, defaultOrgId, open, onClose }: Props) {
  const [form] = Form.useForm<Values>();
  const password = Form.useWatch('password', form) ?? '';
  const create = useCreateUser();
  const update = useUpdateUser();
  const { message } = App.useApp();
  const fail = (err: unknown) => showFieldErrors(form, err, { WEAK_PASSWORD: 'password', DUPLICATE: 'username' }).forEach((m) => message.error(m));
  const done = () => {
    message.success('已保存');
    onClose();
  };
  const submit = (v: Values) => {
    if (user) update.mutate({ id: user.id, displayName: v.displayName, role: v.role }, { onSuccess: done, onError: fail });
    else create.mutate({ username: v.username, displayName: v.displayName, orgId: v.orgId, role: v.role, password: v.password }, { onSuccess: done, onError: fail });
  };
  return (
    <Modal open={open} title={user ? `编辑用户：${user.username}` : '新建用户'} onCancel={onClose} onOk={() => form.submit()} okText="保存" cancelText="取消" confirmLoading={create.isPending || update.isPending} destroyOnHidden>
      <Form<Values> form={form} layout="vertical" preserve={false} initialValues={user ?? { orgId: defaultOrgId, role: 'staff' }} onFinish={submit}>
        {user ? null : (
          <Form.Item label="用户名" name="username" extra="3 至 32 位字母、数字或 _ . -，用于登录" rules={[{ required: true, message: '请输入用户名' }]}>
            <Input maxLength={32} autoComplete="off" autoCapitalize="off" spellCheck={false} />
          </Form.Item>
        )}
        <Form.Item label="姓名" name="displayName" rules={[{ required: true, whitespace: true, message: '请输入姓名' }]}>
          <Input maxLength={50} />
        </Form.Item>
        {user ? null : (
          <Form.Item label="所属组织" name="orgId" rules={[{ required: true, message: '请选择组织' }]}>
            <OrgPickerField />
          </Form.Item>
        )}
        <Form.Item label="角色" name="role" rules={[{ required: true, message: '请选择角色' }]} extra="管理员：管理组织、用户和指标；工作人员：录入和修改本级及下级的数据；执委：查看，并录入活动。">
          <Select options={roleOptions} />
        </Form.Item>
        {user ? null : (
          <Form.Item label="初始密码" name="password" rules={[{ required: true, message: '请输入初始密码' }, strongPasswordRule]} extra={<PasswordStrengthHint password={password} />}>
            <Input.Password autoComplete="new-password" maxLength={128} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
