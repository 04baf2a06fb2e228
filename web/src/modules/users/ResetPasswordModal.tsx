import type { UserView } from '@jinguo/common/users.schema.ts';
import { Alert, App, Form, Input, Modal } from 'antd';
import { showFieldErrors } from '../../lib/errors.ts';
import { strongPasswordRule } from '../auth/password-hint.ts';
import { PasswordStrengthHint } from '../auth/PasswordStrengthHint.tsx';
import { useResetPassword } from './users.api.ts';

export function ResetPasswordModal({ user, onClose }: { user: UserView | null; onClose: () => void }) {
  const [form] = Form.useForm<{ newPassword: string }>();
  const password = Form.useWatch('newPassword', form) ?? '';
  const reset = useResetPassword();
  const { message } = App.useApp();
  const submit = ({ newPassword }: { newPassword: string }) =>
    user &&
    reset.mutate(
      { id: user.id, newPassword },
      {
        onSuccess: () => {
          message.success('密码已重置，请把新密码告知本人');
          onClose();
        },
        onError: (err) => showFieldErrors(form, err, { WEAK_PASSWORD: 'newPassword' }).forEach((m) => message.error(m)),
      },
    );
  return (
    <Modal open={user !== null} title={`重置密码：${user?.displayName ?? ''}`} onCancel={onClose} onOk={() => form.submit()} okText="重置" cancelText="取消" confirmLoading={reset.isPending} destroyOnHidden>
      <Alert type="info" showIcon message="重置后，该用户下次登录须先修改密码。" style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" preserve={false} onFinish={submit}>
        <Form.Item label="新密码" name="newPassword" rules={[{ required: true, message: '请输入新密码' }, strongPasswordRule]} extra={<PasswordStrengthHint password={password} />}>
          <Input.Password autoComplete="new-password" maxLength={128} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
