import type { OrgSummary } from '@jinguo/common/orgs.schema.ts';
import { orgKindLabels, orgLevelLabels } from '@jinguo/common/labels.zh-CN.ts';

/** "乡镇（街道）妇联" for administrative federations, the kind otherwise ("妇女小组") */
export function orgTypeLabel(org: Pick<OrgSummary, 'kind' | 'level'>): string {
  if (org.kind === 'federation' && org.level) return `${orgLevelLabels[org.level]}妇联`;
  return orgKindLabels[org.kind];
}
