import type { MetricView } from '@jinguo/common/metrics.schema.ts';

// common/labels.zh-CN.ts has no labels for these two enums yet (reported to the lead)
export const metricSourceLabels: Record<MetricView['source'], string> = {
  derived: '由活动记录统计',
  reported: '由下级上报',
};

export const metricAggregationLabels: Record<NonNullable<MetricView['aggregation']>, string> = {
  count_activities: '统计活动场次',
  sum_participants: '合计参加人数',
};

/** who defined a metric or kind, seen from the user's org */
export function ownerLabel(ownerOrgId: string | null, myOrgId: string): string {
  if (ownerOrgId === null) return '系统预置';
  return ownerOrgId === myOrgId ? '本级' : '上级';
}
