import { Skeleton } from 'antd';

export function PageSkeleton() {
  return (
    <div aria-busy="true" aria-label="正在加载">
      <Skeleton active title paragraph={{ rows: 6 }} />
    </div>
  );
}
