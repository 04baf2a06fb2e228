import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { AddPlanImportBody, ConfirmPlanImportBody, PlanImportDraft, PlanImportResult } from '@jinguo/common/plan-import.schema.ts';
import { apiPost, apiUpload } from '../../lib/api-client.ts';
import { planKeys } from './plans.api.ts';

/** reading a document changes nothing on the server: plain mutations without cache effects */
export const useReadPlanText = () => useMutation({ mutationFn: (text: string) => apiPost<PlanImportDraft>('/api/plans/import/text', { text }) });
export const useReadPlanDocx = () => useMutation({ mutationFn: (file: File) => apiUpload<PlanImportDraft>('/api/plans/import/docx', file, file.name) });

type SaveInput = { planId: string; body: AddPlanImportBody } | { planId: null; body: ConfirmPlanImportBody };

/** saving writes a plan (new or a chosen draft): every plan query is stale after it */
export function useSavePlanImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SaveInput) =>
      input.planId ? apiPost<PlanImportResult>(`/api/plans/${input.planId}/import`, input.body) : apiPost<PlanImportResult>('/api/plans/import/confirm', input.body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: planKeys.all }),
  });
}
