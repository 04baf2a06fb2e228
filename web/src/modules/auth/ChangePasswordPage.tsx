import { Alert, App, Button, Card, Form, Input, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { showFieldErrors } from '../../lib/errors.ts';
import { useChangePassword, useMe } from './auth.api.ts';
import { strongPasswordRule } from './password-hint.ts';
import { PasswordStrengthHint } from './PasswordStrengthHint.tsx';

type PasswordForm = { oldPassword: string; newPassword: string; confirm: string };

export function ChangePasswordPage() {
  const [form] = Form.useForm<PasswordForm>();
  const newPassword = Form.useWatch('newPassword', form) ?? '';
  const me = useMe();
  const change = useChangePassword();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const forced = me.data?.user.mustChangePassword ?? false;

  const submit = ({ oldPassword, newPassword: pw }: PasswordForm) =>
    change.mutate(
      { oldPassword, newPassword: pw },
      {
        onSuccess: () => {
          message.success('密码已修改');
          navigate('/', { replace: true });
        },
        onError: (err) => showFieldErrors(form, err, { WEAK_PASSWORD: 'newPassword', WRONG_PASSWORD: 'oldPassword' }).forEach((m) => message.error(m)),
      },
    );

  return (
    <div className="jg-login-wrap">
      <Card className="jg-login-card" title="修改密码">
        {forced ? (
          <Alert type="info" showIcon message="首次登录或密码已被重置，请先设置新密码。" style={{ marginBottom: 16 }} />
        ) : null}
        <Form<PasswordForm> form={form} layout="vertical" size="large" onFinish={submit} requiredMark={false} className="jg-big-touch">
          <Form.Item label="原密码" name="oldPassword" rules={[{ required: true, message: '请输入原密码' }]}>
            <Input.Password autoComplete="current-password" maxLength={128} />
          </Form.Item>
          <Form.Item
            label="新密码"
            name="newPassword"
            extra={<PasswordStrengthHint password={newPassword} />}
            rules={[
              { required: true, message: '请输入新密码' },
              strongPasswordRule,
            ]}
          >
            <Input.Password autoComplete="new-password" maxLength={128} />
          </Form.Item>
          <Form.Item
            label="再次输入新密码"
            name="confirm"
            dependencies={['newPassword']}
            rules={[
              { required: true, message: '请再次输入新密码' },
              ({ getFieldValue }) => ({
                validator: (_, v: string | undefined) =>
                  !v || v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error('两次输入的新密码不一致')),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" maxLength={128} />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={change.isPending}>
            确认修改
          </Button>
          {forced ? null : (
            <Button type="link" block onClick={() => navigate(-1)} style={{ marginTop: 8 }}>
              返回
            </Button>
          )}
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0, fontSize: 12 }}>
          为保护账号安全，连续 30 分钟无操作将自动退出登录。
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
