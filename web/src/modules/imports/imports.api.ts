import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { ImportJob, ImportKind, importErrorList, importJobList } from '@jinguo/common/imports.schema.ts';
import type { z } from 'zod';
import { apiGet, apiPost, apiUpload, withQuery } from '../../lib/api-client.ts';

export type ImportMapping = ImportJob['mapping'];

const keys = {
  job: (id: string) => ['imports', 'job', id] as const,
  errors: (id: string, page: number) => ['imports', 'errors', id, page] as const,
  list: ['imports', 'list'] as const,
};

export const templateUrl = (kind: ImportKind) => withQuery('/api/imports/template', { kind });
export const markedSheetUrl = (id: string) => `/api/imports/${id}/marked`;

/** the job; polled every half second while it runs (the list of recent imports follows its outcome) */
export function useImportJob(id: string | null) {
  const qc = useQueryClient();
  const job = useQuery({
    queryKey: keys.job(id ?? ''),
    queryFn: ({ signal }) => apiGet<ImportJob>(`/api/imports/${id}`, undefined, signal),
    enabled: Boolean(id),
    refetchInterval: (q) => (q.state.data?.status === 'running' ? 500 : false),
  });
  const status = job.data?.status;
  useEffect(() => {
    if (status && status !== 'running') void qc.invalidateQueries({ queryKey: keys.list });
  }, [status, qc]);
  return job;
}

export function useImportErrors(id: string, page: number, enabled: boolean) {
  return useQuery({
    queryKey: keys.errors(id, page),
    queryFn: ({ signal }) => apiGet<z.infer<typeof importErrorList>>(`/api/imports/${id}/errors`, { page, pageSize: 50 }, signal),
    enabled,
    placeholderData: keepPreviousData,
  });
}

export function useRecentImports() {
  return useQuery({ queryKey: keys.list, queryFn: ({ signal }) => apiGet<z.infer<typeof importJobList>>('/api/imports', undefined, signal) });
}

export function useUploadImport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { kind: ImportKind; file: File; onProgress?: (percent: number) => void }) =>
      apiUpload<ImportJob>(withQuery('/api/imports', { kind: v.kind }), v.file, v.file.name, v.onProgress),
    onSuccess: (job) => {
      qc.setQueryData(keys.job(job.id), job);
      void qc.invalidateQueries({ queryKey: keys.list });
    },
  });
}

export function useStartImport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; mapping: ImportMapping }) => apiPost<ImportJob>(`/api/imports/${v.id}/start`, { mapping: v.mapping }),
    onSuccess: (job) => {
      qc.setQueryData(keys.job(job.id), job);
      void qc.invalidateQueries({ queryKey: keys.list });
    },
  });
}
