import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Empty, Skeleton, Space } from 'antd';
import { withQuery } from '../../lib/api-client.ts';
import { UrlPagination } from '../../components/UrlPagination.tsx';
import { useNavigate } from 'react-router';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { isPeriod } from '../../lib/period-parts.ts';
import { pageOf, useUrlState } from '../../lib/search-params.ts';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { useActivities } from './activities.api.ts';
import { ActivityCards } from './ActivityCards.tsx';
import { ActivityFilters, type ActivityFilterValues } from './ActivityFilters.tsx';
import { ActivityTable } from './ActivityTable.tsx';
import { MetricRecordsBanner } from './MetricRecordsBanner.tsx';

const PAGE_SIZE = 20;

export function ActivityListPage() {
  const [params, setParams] = useUrlState();
  const navigate = useNavigate();
  const isPhone = useIsPhone();
  const period = params.get('period');
  const filters: ActivityFilterValues = {
    orgId: params.get('orgId'),
    kindCode: params.get('kindCode'),
    period: isPeriod(period) ? period : null,
    q: params.get('q'),
  };
  const metricCode = params.get('metricCode');
  const ownOnly = params.get('ownOnly') === 'true';
  const page = pageOf(params);
  const list = useActivities({
    orgId: filters.orgId ?? undefined,
    kindCode: filters.kindCode ?? undefined,
    period: filters.period ?? undefined,
    q: filters.q ?? undefined,
    metricCode: metricCode ?? undefined,
    ownOnly: ownOnly ? 'true' : undefined,
    page,
    pageSize: PAGE_SIZE,
  });
  const items = list.data?.items ?? [];

  return (
    <>
      <PageHeader
        section
        title="活动"
        extra={
          // phones record and look things up; ledgers are exported at a desk
          isPhone ? null : (
            <Space wrap>
              <Button icon={<DownloadOutlined aria-hidden />} href={withQuery('/api/activities/export', { ...filters, metricCode, ownOnly: ownOnly ? 'true' : undefined })}>
                导出台账
              </Button>
              <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => navigate('/activities/new')}>
                记一笔
              </Button>
            </Space>
          )
        }
      />
      {metricCode ? (
        <MetricRecordsBanner
          metricCode={metricCode}
          period={filters.period}
          orgId={filters.orgId}
          ownOnly={ownOnly}
          total={list.data?.total}
          onClear={() => setParams({ metricCode: null, ownOnly: null, page: null })}
        />
      ) : null}
      <ActivityFilters values={filters} onChange={(patch) => setParams({ ...patch, page: null })} />
      {list.isError ? <QueryError error={list.error} onRetry={() => list.refetch()} /> : null}
      {list.isPending ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : items.length === 0 && !list.isError ? (
        <Empty description={metricCode ? '该指标在此期间没有记录' : '没有符合条件的活动'}>
          <Button type="primary" onClick={() => navigate('/activities/new')}>记一笔</Button>
        </Empty>
      ) : isPhone ? (
        <ActivityCards items={items} />
      ) : (
        <ActivityTable items={items} loading={list.isFetching} />
      )}
      <UrlPagination page={page} pageSize={PAGE_SIZE} total={list.data?.total} unit="条" scrollToTop />
    </>
  );
}
