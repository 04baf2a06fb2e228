import { Card, Tabs } from 'antd';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useUrlState } from '../../lib/search-params.ts';
import { ActivityKindsTab } from './ActivityKindsTab.tsx';
import { MetricDefinitionsTab } from './MetricDefinitionsTab.tsx';

export function MetricsPage() {
  const [params, setParams] = useUrlState();
  return (
    <>
      <PageHeader section title="指标与活动类型" />
      <p className="jg-muted" style={{ marginTop: -8, fontSize: 13 }}>
        指标由活动记录自动统计，不用重复填报。系统预置和上级定义的只能查看；本级定义的可以修改或停用。
      </p>
      <Card size="small">
        <Tabs
          activeKey={params.get('tab') ?? 'metrics'}
          onChange={(tab) => setParams({ tab: tab === 'metrics' ? null : tab }, { replace: true })}
          items={[
            { key: 'metrics', label: '指标', children: <MetricDefinitionsTab /> },
            { key: 'kinds', label: '活动类型', children: <ActivityKindsTab /> },
          ]}
        />
      </Card>
    </>
  );
}
