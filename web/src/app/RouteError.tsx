import { Button, Result } from 'antd';
import { useRouteError } from 'react-router';

/** a page that failed to render; after a new release an old page may ask for chunks that no longer exist */
export function RouteError() {
  const error = useRouteError();
  const text = error instanceof Error ? error.message : String(error);
  const stale = /dynamically imported module|module script|Importing a module/i.test(text);
  return (
    <Result
      status={stale ? 'info' : 'error'}
      title={stale ? '系统已更新' : '页面出错了'}
      subTitle={stale ? '请刷新页面后继续使用。' : '请刷新页面重试；如果仍然出错，请联系管理员。'}
      extra={<Button type="primary" onClick={() => window.location.reload()}>刷新页面</Button>}
    />
  );
}
