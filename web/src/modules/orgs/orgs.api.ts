import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  closeOrgBody,
  createOrgBody,
  createSiteBody,
  moveOrgBody,
  OrgDetail,
  OrgSummary,
  orgSearchResult,
  renameOrgBody,
  siteSchema,
  updateSiteBody,
} from '@jinguo/common/orgs.schema.ts';
import type { positionList } from '@jinguo/common/people.schema.ts';
import type { z } from 'zod';
import { apiGet, apiPatch, apiPost } from '../../lib/api-client.ts';

export type OrgSearchItem = z.infer<typeof orgSearchResult>['items'][number];
export type Site = z.infer<typeof siteSchema>;
type PositionList = z.infer<typeof positionList>;

export const orgKeys = {
  all: ['orgs'] as const,
  root: () => ['orgs', 'root'] as const,
  detail: (id: string) => ['orgs', 'detail', id] as const,
  children: (id: string, includeClosed: boolean) => ['orgs', 'children', id, includeClosed] as const,
  search: (q: string) => ['orgs', 'search', q] as const,
  roster: (id: string, includeEnded: boolean) => ['orgs', 'roster', id, includeEnded] as const,
  sites: (id: string) => ['orgs', 'sites', id] as const,
};

export function useRootOrg() {
  return useQuery({
    queryKey: orgKeys.root(),
    queryFn: ({ signal }) => apiGet<OrgDetail>('/api/orgs/root', undefined, signal),
    staleTime: 5 * 60_000,
  });
}

export function useOrg(id: string | null | undefined) {
  return useQuery({
    queryKey: orgKeys.detail(id ?? ''),
    queryFn: ({ signal }) => apiGet<OrgDetail>(`/api/orgs/${id}`, undefined, signal),
    enabled: !!id,
    staleTime: 5 * 60_000,
  });
}

export function childrenQuery(id: string, includeClosed: boolean) {
  return {
    queryKey: orgKeys.children(id, includeClosed),
    queryFn: ({ signal }: { signal?: AbortSignal }) =>
      apiGet<{ items: OrgSummary[] }>(`/api/orgs/${id}/children`, { includeClosed: String(includeClosed) }, signal),
    staleTime: 5 * 60_000,
  };
}

export function useOrgChildren(id: string | null | undefined, includeClosed = false) {
  return useQuery({ ...childrenQuery(id ?? '', includeClosed), enabled: !!id });
}

export function useOrgSearch(q: string) {
  const term = q.trim();
  return useQuery({
    queryKey: orgKeys.search(term),
    queryFn: ({ signal }) => apiGet<z.infer<typeof orgSearchResult>>('/api/orgs/search', { q: term, limit: 20 }, signal),
    enabled: term.length > 0,
    placeholderData: (prev) => prev,
  });
}

export function useOrgRoster(id: string, includeEnded: boolean) {
  return useQuery({
    queryKey: orgKeys.roster(id, includeEnded),
    queryFn: ({ signal }) => apiGet<PositionList>(`/api/orgs/${id}/roster`, { includeEnded: String(includeEnded) }, signal),
  });
}

export function useOrgSites(id: string) {
  return useQuery({
    queryKey: orgKeys.sites(id),
    queryFn: ({ signal }) => apiGet<{ items: Site[] }>(`/api/orgs/${id}/sites`, undefined, signal),
  });
}

function useOrgMutation<V, R>(fn: (v: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => queryClient.invalidateQueries({ queryKey: orgKeys.all }) });
}

export const useCreateOrg = () => useOrgMutation((body: z.input<typeof createOrgBody>) => apiPost<OrgDetail>('/api/orgs', body));
export const useRenameOrg = () =>
  useOrgMutation(({ id, ...body }: { id: string } & z.input<typeof renameOrgBody>) => apiPatch<OrgDetail>(`/api/orgs/${id}`, body));
export const useCloseOrg = () =>
  useOrgMutation(({ id, ...body }: { id: string } & z.input<typeof closeOrgBody>) => apiPost<OrgDetail>(`/api/orgs/${id}/close`, body));
export const useMoveOrg = () =>
  useOrgMutation(({ id, ...body }: { id: string } & z.input<typeof moveOrgBody>) => apiPost<OrgDetail>(`/api/orgs/${id}/move`, body));
export const useCreateSite = () => useOrgMutation((body: z.input<typeof createSiteBody>) => apiPost<Site>('/api/sites', body));
export const useUpdateSite = () =>
  useOrgMutation(({ id, ...body }: { id: string } & z.input<typeof updateSiteBody>) => apiPatch<Site>(`/api/sites/${id}`, body));
