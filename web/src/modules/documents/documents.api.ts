import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  CreateDocTemplateBody,
  createDocumentBody,
  DocTemplateView,
  DocumentDetail,
  documentList,
  UpdateDocTemplateBody,
  UpdateDocumentBody,
} from '@jinguo/common/documents.schema.ts';
import { apiDelete, apiGet, apiPatch, apiPost } from '../../lib/api-client.ts';

const keys = {
  all: ['documents'] as const,
  list: (q: DocumentListQuery) => ['documents', 'list', q] as const,
  detail: (id: string) => ['documents', 'detail', id] as const,
  templates: ['doc-templates'] as const,
};
export type DocumentListQuery = { orgId?: string; period?: string; page: number; pageSize: number };

export function useDocTemplates() {
  return useQuery({
    queryKey: keys.templates,
    queryFn: ({ signal }) => apiGet<{ items: DocTemplateView[] }>('/api/doc-templates', undefined, signal),
  });
}

export function useDocuments(q: DocumentListQuery) {
  return useQuery({
    queryKey: keys.list(q),
    queryFn: ({ signal }) => apiGet<z.infer<typeof documentList>>('/api/documents', q, signal),
    placeholderData: keepPreviousData,
  });
}

/** reading a draft fills its figures in again to flag stale ones: always ask the server when the page opens */
export function useDocument(id: string) {
  return useQuery({
    queryKey: keys.detail(id),
    queryFn: ({ signal }) => apiGet<DocumentDetail>(`/api/documents/${id}`, undefined, signal),
    staleTime: 0,
    refetchOnMount: 'always',
  });
}

function useDocumentWrite<V, R>(fn: (v: V) => Promise<R>, after?: (r: R) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (r) => {
      after?.(r);
      return queryClient.invalidateQueries({ queryKey: keys.all });
    },
  });
}

export function useCreateDocument() {
  return useDocumentWrite((body: z.input<typeof createDocumentBody>) => apiPost<DocumentDetail>('/api/documents', body));
}

export function useUpdateDocument(id: string) {
  const queryClient = useQueryClient();
  return useDocumentWrite(
    (body: UpdateDocumentBody) => apiPatch<DocumentDetail>(`/api/documents/${id}`, body),
    (d) => queryClient.setQueryData(keys.detail(id), d),
  );
}

export function useRefreshFigures(id: string) {
  const queryClient = useQueryClient();
  return useDocumentWrite(
    (keysToRefresh?: string[]) => apiPost<DocumentDetail>(`/api/documents/${id}/refresh`, keysToRefresh ? { keys: keysToRefresh } : {}),
    (d) => queryClient.setQueryData(keys.detail(id), d),
  );
}

export const useDeleteDocument = () => useDocumentWrite((id: string) => apiDelete<{ ok: true }>(`/api/documents/${id}`));

function useTemplateWrite<V>(fn: (v: V) => Promise<DocTemplateView>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.templates }) });
}

export const useCreateDocTemplate = () => useTemplateWrite((body: CreateDocTemplateBody) => apiPost<DocTemplateView>('/api/doc-templates', body));
export const useUpdateDocTemplate = () =>
  useTemplateWrite(({ id, ...body }: { id: string } & UpdateDocTemplateBody) => apiPatch<DocTemplateView>(`/api/doc-templates/${id}`, body));

export const docxUrl = (id: string) => `/api/documents/${id}/docx`;
export const sourcesUrl = (id: string) => `/api/documents/${id}/sources`;
