import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { createMetricBody, metricList, updateMetricBody } from '@jinguo/common/metrics.schema.ts';
import type { MetricView } from '@jinguo/common/metrics.schema.ts';
import type { z } from 'zod';
import { apiGet, apiPatch, apiPost } from '../../lib/api-client.ts';

const metricsKey = ['metrics'] as const;

export function useMetrics() {
  return useQuery({
    queryKey: metricsKey,
    queryFn: ({ signal }) => apiGet<z.infer<typeof metricList>>('/api/metrics', undefined, signal),
    staleTime: 10 * 60_000,
  });
}

function useMetricMutation<V>(fn: (v: V) => Promise<MetricView>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: metricsKey }), queryClient.invalidateQueries({ queryKey: ['dashboard'] })]),
  });
}

export const useCreateMetric = () => useMetricMutation((body: z.input<typeof createMetricBody>) => apiPost<MetricView>('/api/metrics', body));
export const useUpdateMetric = () =>
  useMetricMutation(({ code, ...body }: { code: string } & z.input<typeof updateMetricBody>) => apiPatch<MetricView>(`/api/metrics/${code}`, body));
