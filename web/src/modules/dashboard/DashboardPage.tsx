import { formatWithUnit } from '@jinguo/common/units.ts';
import { periodLabel } from '@jinguo/common/periods.ts';
import { DownloadOutlined } from '@ant-design/icons';
import { Breadcrumb, Button, Card, Empty, Skeleton, Space, Spin } from 'antd';
import { withQuery } from '../../lib/api-client.ts';
import { lazy, Suspense } from 'react';
import { useNavigate } from 'react-router';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PeriodPicker } from '../../components/PeriodPicker.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { currentYearPeriod, isPeriod } from '../../lib/period-parts.ts';
import { useUrlState } from '../../lib/search-params.ts';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { BreakdownTable } from './BreakdownTable.tsx';
import { breakdownChartHeight, chartRowLimit, type BreakdownRow } from './breakdown-rows.ts';
import { recordsLink, useDashboard } from './dashboard.api.ts';
import { MetricCards } from './MetricCards.tsx';
import { MyDueItems } from '../reports/MyDueItems.tsx';

// ECharts is the biggest download: cards and the table (the same figures) show first, the charts follow
const BreakdownChart = lazy(async () => ({ default: (await import('./BreakdownChart.tsx')).BreakdownChart }));
const TrendChart = lazy(async () => ({ default: (await import('./TrendChart.tsx')).TrendChart }));
const chartFallback = (height: number) => (
  <Skeleton.Node active rootClassName="jg-chart-skeleton" style={{ width: '100%', height }}>
    <span className="jg-muted">图表加载中…</span>
  </Skeleton.Node>
);

export function DashboardPage() {
  const [params, setParams] = useUrlState();
  const navigate = useNavigate();
  const isPhone = useIsPhone();
  const chartLimit = chartRowLimit(isPhone);
  const periodParam = params.get('period');
  const period = isPeriod(periodParam) ? periodParam : currentYearPeriod();
  const orgId = params.get('orgId') ?? undefined;
  const metricCode = params.get('metric') ?? undefined;
  const dashboard = useDashboard({ orgId, period, metricCode });
  const data = dashboard.data;
  const selected = data?.selected ?? null;
  const selectedCode = selected?.metric.code ?? metricCode;
  const viewOrgId = data?.org.id ?? orgId ?? '';

  const drill = (row: BreakdownRow) => setParams({ orgId: row.orgId });
  const openRecords = (row: BreakdownRow) =>
    selected && navigate(recordsLink({ metricCode: selected.metric.code, period, orgId: row.own ? viewOrgId : row.orgId, ownOnly: row.own }));
  const onBarClick = (row: BreakdownRow) => (row.hasChildren && !row.own ? drill(row) : openRecords(row));

  return (
    <>
      <PageHeader
        section
        title="数据看板"
        extra={
          isPhone ? (
            <PeriodPicker value={period} onChange={(p) => setParams({ period: p })} />
          ) : (
            <Space wrap>
              <PeriodPicker value={period} onChange={(p) => setParams({ period: p })} />
              <Button icon={<DownloadOutlined aria-hidden />} href={withQuery('/api/dashboard/export', { orgId, period })}>导出统计表</Button>
            </Space>
          )
        }
      />
      <MyDueItems />
      {dashboard.isError ? <QueryError error={dashboard.error} onRetry={() => dashboard.refetch()} /> : null}
      {data ? (
        <Breadcrumb
          style={{ marginBottom: 12 }}
          items={data.org.breadcrumbs.map((b, i) => ({
            key: b.id,
            title: i === data.org.breadcrumbs.length - 1 ? <strong>{b.name}</strong> : <a onClick={() => setParams({ orgId: b.id })}>{b.name}</a>,
          }))}
        />
      ) : null}
      {dashboard.isPending ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : data ? (
        <Spin spinning={dashboard.isFetching && dashboard.isPlaceholderData} delay={300}>
          <MetricCards
            cards={data.cards}
            selectedCode={selectedCode}
            onSelect={(code) => setParams({ metric: code }, { replace: true })}
            recordsHref={(code) => recordsLink({ metricCode: code, period, orgId: data.org.id })}
          />
          {selected ? (
            <>
              <Card
                size="small"
                style={{ marginTop: 16 }}
                title={`${selected.metric.name} · ${periodLabel(period)}`}
                extra={<strong>{formatWithUnit(selected.metric.value, selected.metric.unit)}</strong>}
              >
                <p className="jg-muted" style={{ marginTop: 0, fontSize: 12 }}>
                  点击柱条查看下级；没有下级的组织直接查看记录。
                  {selected.rows.length > chartLimit ? <><br />仅显示前 {chartLimit} 个，完整列表见下方</> : null}
                </p>
                {selected.rows.length ? (
                  <Suspense fallback={chartFallback(breakdownChartHeight(Math.min(selected.rows.length, chartLimit)))}>
                    <BreakdownChart breakdown={selected} limit={chartLimit} onRowClick={onBarClick} />
                  </Suspense>
                ) : (
                  <Empty description="暂无下级组织的数据" />
                )}
                <div style={{ marginTop: 12 }}>
                  <BreakdownTable breakdown={selected} onDrill={drill} onRecords={openRecords} />
                </div>
              </Card>
              <Card size="small" style={{ marginTop: 16 }} title={`${selected.metric.name} · 逐月趋势`}>
                {selected.trend.length ? (
                  <Suspense fallback={chartFallback(240)}>
                    <TrendChart breakdown={selected} />
                  </Suspense>
                ) : (
                  <Empty description="暂无趋势数据" />
                )}
              </Card>
            </>
          ) : null}
        </Spin>
      ) : null}
    </>
  );
}
