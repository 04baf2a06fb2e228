import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { DashboardData } from '@jinguo/common/metrics.schema.ts';
import { apiGet } from '../../lib/api-client.ts';

export type DashboardQuery = { orgId?: string; period: string; metricCode?: string };

export function useDashboard(query: DashboardQuery) {
  return useQuery({
    queryKey: ['dashboard', query.orgId ?? null, query.period, query.metricCode ?? null],
    queryFn: ({ signal }) => apiGet<DashboardData>('/api/dashboard', query, signal),
    placeholderData: keepPreviousData,
  });
}

export function recordsLink({ metricCode, period, orgId, ownOnly }: { metricCode: string; period: string; orgId: string; ownOnly?: boolean }): string {
  const params = new URLSearchParams({ metricCode, period, orgId });
  if (ownOnly) params.set('ownOnly', 'true');
  return `/activities?${params.toString()}`;
}
