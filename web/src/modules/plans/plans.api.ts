import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  createPlanBody,
  createTargetBody,
  createTaskBody,
  PlanDetail,
  PlanSummary,
  SplitPreview,
  SplitTargetBody,
  TargetDetail,
  TargetView,
  TaskView,
  updatePlanBody,
  updateTargetBody,
  updateTaskBody,
} from '@jinguo/common/plans.schema.ts';
import { apiDelete, apiGet, apiPatch, apiPost } from '../../lib/api-client.ts';

export const planKeys = {
  all: ['plans'] as const,
  list: (year: number) => ['plans', 'list', year] as const,
  detail: (id: string) => ['plans', 'detail', id] as const,
  target: (id: string) => ['plans', 'target', id] as const,
  preview: (id: string, method: string, basis: string | null) => ['plans', 'split-preview', id, method, basis] as const,
};

export function usePlans(year: number) {
  return useQuery({
    queryKey: planKeys.list(year),
    queryFn: ({ signal }) => apiGet<{ items: PlanSummary[] }>('/api/plans', { year }, signal),
    placeholderData: keepPreviousData,
  });
}

export function usePlan(id: string) {
  return useQuery({ queryKey: planKeys.detail(id), queryFn: ({ signal }) => apiGet<PlanDetail>(`/api/plans/${id}`, undefined, signal) });
}

export function useTargetDetail(id: string | null) {
  return useQuery({
    queryKey: planKeys.target(id ?? ''),
    queryFn: ({ signal }) => apiGet<TargetDetail>(`/api/targets/${id}`, undefined, signal),
    enabled: !!id,
  });
}

export function useSplitPreview(id: string | null, method: 'manual' | 'even' | 'proportional', basis: string | null) {
  return useQuery({
    queryKey: planKeys.preview(id ?? '', method, basis),
    queryFn: ({ signal }) => apiGet<SplitPreview>(`/api/targets/${id}/split-preview`, { method, basis }, signal),
    enabled: !!id && (method !== 'proportional' || !!basis),
    retry: false,
  });
}

/** every plan query is stale after any write: plans are small */
function usePlanMutation<V, R>(fn: (v: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => queryClient.invalidateQueries({ queryKey: planKeys.all }) });
}

export const useCreatePlan = () => usePlanMutation((body: z.input<typeof createPlanBody>) => apiPost<PlanSummary>('/api/plans', body));
export const useUpdatePlan = () =>
  usePlanMutation(({ id, ...body }: { id: string } & z.input<typeof updatePlanBody>) => apiPatch<PlanSummary>(`/api/plans/${id}`, body));
export const useDeletePlan = () => usePlanMutation((id: string) => apiDelete<{ ok: true }>(`/api/plans/${id}`));
export const useCopyPlan = () => usePlanMutation(({ id, year }: { id: string; year: number }) => apiPost<PlanSummary>(`/api/plans/${id}/copy`, { year }));
export const useCreateTask = () => usePlanMutation((body: z.input<typeof createTaskBody>) => apiPost<TaskView>('/api/plan-tasks', body));
export const useUpdateTask = () =>
  usePlanMutation(({ id, ...body }: { id: string } & z.input<typeof updateTaskBody>) => apiPatch<TaskView>(`/api/plan-tasks/${id}`, body));
export const useDeleteTask = () => usePlanMutation((id: string) => apiDelete<{ ok: true }>(`/api/plan-tasks/${id}`));
export const useCreateTarget = () => usePlanMutation((body: z.input<typeof createTargetBody>) => apiPost<TargetView>('/api/targets', body));
export const useUpdateTarget = () =>
  usePlanMutation(({ id, ...body }: { id: string } & z.input<typeof updateTargetBody>) => apiPatch<TargetView>(`/api/targets/${id}`, body));
export const useDeleteTarget = () => usePlanMutation((id: string) => apiDelete<{ ok: true }>(`/api/targets/${id}`));
export const useSplitTarget = () =>
  usePlanMutation(({ id, ...body }: { id: string } & SplitTargetBody) => apiPost<TargetDetail>(`/api/targets/${id}/split`, body));

export const exportUrl = (planId: string) => `/api/plans/${planId}/export`;
