import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Aggregate,
  chaseResult,
  Completeness,
  createReportedMetricBody,
  createReportFormBody,
  dueList,
  reminderList,
  ReportDetail,
  reportFormList,
  ReportFormView,
  reportList,
  SaveReportBody,
  updateReportFormBody,
} from '@jinguo/common/reports.schema.ts';
import type { z } from 'zod';
import { apiGet, apiPatch, apiPost } from '../../lib/api-client.ts';

export type ReportList = z.infer<typeof reportList>;
export type ChaseResult = z.infer<typeof chaseResult>;
export type Reminders = z.infer<typeof reminderList>;

export function useReportForms() {
  return useQuery({
    queryKey: ['report-forms'],
    queryFn: ({ signal }) => apiGet<z.infer<typeof reportFormList>>('/api/report-forms', undefined, signal),
    staleTime: 60_000,
  });
}

export function useCreateReportForm() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof createReportFormBody>) => apiPost<ReportFormView>('/api/report-forms', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['report-forms'] }),
  });
}

export function useUpdateReportForm() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string } & z.input<typeof updateReportFormBody>) => apiPatch<ReportFormView>(`/api/report-forms/${id}`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['report-forms'] }),
  });
}

export function useCreateReportedMetric() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof createReportedMetricBody>) => apiPost<{ code: string }>('/api/report-forms/metrics', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['metrics'] }),
  });
}

export function useReports(query: { orgId?: string; formId?: string; period?: string }) {
  return useQuery({
    queryKey: ['reports', query],
    queryFn: ({ signal }) => apiGet<ReportList>('/api/reports', query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useDueItems() {
  return useQuery({ queryKey: ['reports', 'due'], queryFn: ({ signal }) => apiGet<z.infer<typeof dueList>>('/api/reports/due', undefined, signal) });
}

/** submitted reports of the direct children, waiting for this org's review */
export function useReportsToReview() {
  return useQuery({ queryKey: ['reports', 'to-review'], queryFn: ({ signal }) => apiGet<ReportList>('/api/reports/to-review', undefined, signal) });
}

export function useReminders() {
  return useQuery({ queryKey: ['reminders'], queryFn: ({ signal }) => apiGet<Reminders>('/api/reminders', undefined, signal) });
}

export function useReadReminder() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (id: string) => apiPost(`/api/reminders/${id}/read`), onSuccess: () => qc.invalidateQueries({ queryKey: ['reminders'] }) });
}

export function useReport(id: string) {
  return useQuery({ queryKey: ['report', id], queryFn: ({ signal }) => apiGet<ReportDetail>(`/api/reports/${id}`, undefined, signal) });
}

/** every step of a report answers the report: the cache takes it and lists refresh */
function useReportStep<V>(fn: (v: V) => Promise<ReportDetail>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (r) => {
      qc.setQueryData(['report', r.id], r);
      return Promise.all([qc.invalidateQueries({ queryKey: ['reports'] }), qc.invalidateQueries({ queryKey: ['completeness'] })]);
    },
  });
}

export const useOpenReport = () => useReportStep((body: { formId: string; orgId: string; period: string }) => apiPost<ReportDetail>('/api/reports', body));
export const useSaveReport = () => useReportStep(({ id, ...body }: { id: string } & SaveReportBody) => apiPatch<ReportDetail>(`/api/reports/${id}`, body));
export const useReportAction = () =>
  useReportStep(({ id, action, reason }: { id: string; action: 'submit' | 'approve' | 'return' | 'reopen'; reason?: string }) =>
    apiPost<ReportDetail>(`/api/reports/${id}/${action}`, reason === undefined ? undefined : { reason }),
  );

export function useCompleteness(query: { formId?: string; period?: string; orgId?: string }) {
  return useQuery({
    queryKey: ['completeness', query],
    queryFn: ({ signal }) => apiGet<Completeness>('/api/completeness', query, signal),
    enabled: Boolean(query.formId && query.period),
    placeholderData: keepPreviousData,
  });
}

export function useAggregates(query: { formId?: string; period?: string; orgId?: string }) {
  return useQuery({
    queryKey: ['aggregates', query],
    queryFn: ({ signal }) => apiGet<Aggregate>('/api/reports/aggregates', query, signal),
    enabled: Boolean(query.formId && query.period),
    placeholderData: keepPreviousData,
  });
}

export function useChase() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { formId: string; period: string; orgId?: string }) => apiPost<ChaseResult>('/api/completeness/chase', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['completeness'] }),
  });
}
