import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ActivityKind,
  ActivityView,
  activityDefaults,
  activityKindList,
  activityList,
  activityListQuery,
  attachmentSchema,
  createActivityBody,
  createActivityKindBody,
  updateActivityBody,
  updateActivityKindBody,
} from '@jinguo/common/activities.schema.ts';
import type { z } from 'zod';
import { apiDelete, apiGet, apiPatch, apiPost, apiUpload } from '../../lib/api-client.ts';

export type ActivityListQuery = Partial<z.input<typeof activityListQuery>> & { page: number; pageSize: number };
export type Attachment = z.infer<typeof attachmentSchema>;
export type AttachmentKind = Attachment['kind'];
export type CreateActivity = z.input<typeof createActivityBody>;
export type UpdateActivity = z.input<typeof updateActivityBody>;
export type ActivityDefaults = z.infer<typeof activityDefaults>;

const keys = {
  all: ['activities'] as const,
  list: (q: ActivityListQuery) => ['activities', 'list', q] as const,
  detail: (id: string) => ['activities', 'detail', id] as const,
  defaults: ['activities', 'defaults'] as const,
  kinds: ['activity-kinds'] as const,
};

export function useActivityKinds() {
  return useQuery({
    queryKey: keys.kinds,
    queryFn: ({ signal }) => apiGet<z.infer<typeof activityKindList>>('/api/activity-kinds', undefined, signal),
    staleTime: 10 * 60_000,
  });
}

export function useActivities(query: ActivityListQuery) {
  return useQuery({
    queryKey: keys.list(query),
    queryFn: ({ signal }) => apiGet<z.infer<typeof activityList>>('/api/activities', query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useActivity(id: string) {
  return useQuery({
    queryKey: keys.detail(id),
    queryFn: ({ signal }) => apiGet<ActivityView>(`/api/activities/${id}`, undefined, signal),
  });
}

export function useActivityDefaults() {
  return useQuery({
    queryKey: keys.defaults,
    queryFn: ({ signal }) => apiGet<ActivityDefaults>('/api/activities/defaults', undefined, signal),
    staleTime: 0,
  });
}

/** records change figures: lists, details and the dashboard are refetched */
function useActivityWrite<V, R>(fn: (v: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () =>
      Promise.all([queryClient.invalidateQueries({ queryKey: keys.all }), queryClient.invalidateQueries({ queryKey: ['dashboard'] })]),
  });
}

export const useCreateActivity = () => useActivityWrite((body: CreateActivity) => apiPost<ActivityView>('/api/activities', body));
export const useUpdateActivity = () =>
  useActivityWrite(({ id, ...body }: { id: string } & UpdateActivity) => apiPatch<ActivityView>(`/api/activities/${id}`, body));
/** everything but the deleted record itself is refetched (it would answer 404 while its page closes) */
export function useDeleteActivity() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiDelete<{ ok: true }>(`/api/activities/${id}`),
    onSuccess: (_ok, id) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: keys.all, predicate: (q) => q.queryKey[2] !== id }),
        queryClient.invalidateQueries({ queryKey: ['dashboard'] }),
      ]),
  });
}

export type UploadInput = { activityId: string; kind: AttachmentKind; file: Blob; fileName: string; onProgress?: (percent: number) => void };

export const useUploadAttachment = () =>
  useActivityWrite(({ activityId, kind, file, fileName, onProgress }: UploadInput) =>
    apiUpload<Attachment>(`/api/activities/${activityId}/attachments?kind=${kind}`, file, fileName, onProgress),
  );
export const useDeleteAttachment = () =>
  useActivityWrite(({ activityId, attachmentId }: { activityId: string; attachmentId: string }) =>
    apiDelete<{ ok: true }>(`/api/activities/${activityId}/attachments/${attachmentId}`),
  );

function useKindWrite<V>(fn: (v: V) => Promise<ActivityKind>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.kinds }) });
}

export const useCreateActivityKind = () =>
  useKindWrite((body: z.input<typeof createActivityKindBody>) => apiPost<ActivityKind>('/api/activity-kinds', body));
export const useUpdateActivityKind = () =>
  useKindWrite(({ code, ...body }: { code: string } & z.input<typeof updateActivityKindBody>) =>
    apiPatch<ActivityKind>(`/api/activity-kinds/${code}`, body),
  );
