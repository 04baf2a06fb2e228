import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { auditEntrySchema, auditList } from '@jinguo/common/audit.schema.ts';
import type { z } from 'zod';
import { apiGet } from '../../lib/api-client.ts';

export type AuditEntry = z.infer<typeof auditEntrySchema>;
export type AuditQuery = { orgId?: string; from?: string; to?: string; entity?: string; action?: string; page: number; pageSize: number };

export function useAudit(query: AuditQuery) {
  return useQuery({
    queryKey: ['audit', query],
    queryFn: ({ signal }) => apiGet<z.infer<typeof auditList>>('/api/audit', query, signal),
    placeholderData: keepPreviousData,
    staleTime: 15_000,
  });
}
