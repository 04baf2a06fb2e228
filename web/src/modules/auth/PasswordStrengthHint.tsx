import { CheckCircleFilled, CloseCircleOutlined } from '@ant-design/icons';
import { Space, Typography } from 'antd';
import { describePassword } from './password-hint.ts';

function Line({ ok, children }: { ok: boolean; children: string }) {
  return (
    <Typography.Text type={ok ? 'success' : 'secondary'}>
      {ok ? <CheckCircleFilled aria-label="已满足" /> : <CloseCircleOutlined aria-label="未满足" />} {children}
    </Typography.Text>
  );
}

export function PasswordStrengthHint({ password }: { password: string }) {
  const d = describePassword(password);
  return (
    <Space direction="vertical" size={2} style={{ marginBottom: 16 }} aria-live="polite">
      <Line ok={d.longEnough}>{`至少 10 位（已输入 ${password.length} 位）`}</Line>
      <Line ok={d.present.length >= 3}>
        {`包含大写字母、小写字母、数字、符号中的至少三类${d.present.length ? `（已有：${d.present.join('、')}）` : ''}`}
      </Line>
    </Space>
  );
}
