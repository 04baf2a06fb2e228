import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useNavigate, useSearchParams } from 'react-router';
import { errorText } from '../../lib/errors.ts';
import { useLogin } from './auth.api.ts';

type LoginForm = { username: string; password: string };

function safeReturnPath(from: string | null): string {
  return from && from.startsWith('/') && !from.startsWith('//') && !from.startsWith('/login') ? from : '/';
}

export function LoginPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const login = useLogin();
  const timedOut = params.get('reason') === 'timeout';
  const signedOut = params.get('reason') === 'signed_out';

  const submit = (values: LoginForm) =>
    login.mutate(values, {
      onSuccess: (me) => navigate(me.user.mustChangePassword ? '/change-password' : safeReturnPath(params.get('from')), { replace: true }),
    });

  return (
    <div className="jg-login-wrap">
      <Card className="jg-login-card">
        <div style={{ textAlign: 'center', marginBottom: 24 }}>
          <span className="jg-brand-mark" style={{ width: 48, height: 48, fontSize: 24, borderRadius: 12 }} aria-hidden>
            巾
          </span>
          <Typography.Title level={3} style={{ margin: '12px 0 4px' }}>
            巾帼工作平台
          </Typography.Title>
          <Typography.Text type="secondary">妇联组织 · 活动台账 · 数据看板</Typography.Text>
        </div>
        {timedOut && !login.isError ? (
          <Alert type="warning" showIcon message="登录已超时，请重新登录" style={{ marginBottom: 16 }} />
        ) : null}
        {signedOut && !login.isError ? <Alert type="success" showIcon message="已退出登录" style={{ marginBottom: 16 }} /> : null}
        {login.isError ? <Alert type="error" showIcon message={errorText(login.error)} style={{ marginBottom: 16 }} role="alert" /> : null}
        <Form<LoginForm> layout="vertical" size="large" onFinish={submit} requiredMark={false} className="jg-big-touch">
          <Form.Item label="用户名" name="username" rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}>
            <Input prefix={<UserOutlined aria-hidden />} autoComplete="username" autoCapitalize="off" autoCorrect="off" spellCheck={false} maxLength={64} />
          </Form.Item>
          <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password prefix={<LockOutlined aria-hidden />} autoComplete="current-password" maxLength={128} />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={login.isPending}>
            登录
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 12, textAlign: 'center' }}>
          忘记密码请联系上级妇联的管理员重置。
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
