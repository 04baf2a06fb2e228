import { Alert, Button } from 'antd';
import { errorText } from '../lib/errors.ts';

/** a failed load: the server's Chinese message and a retry */
export function QueryError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <Alert
      type="error"
      showIcon
      message="加载失败"
      description={errorText(error)}
      action={onRetry ? <Button size="small" onClick={onRetry}>重试</Button> : undefined}
      style={{ marginBottom: 16 }}
    />
  );
}
