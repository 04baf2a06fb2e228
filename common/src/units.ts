export const metricUnits = ['个', '人', '人次', '户', '场', '次', '期', '%'] as const;
export type MetricUnit = (typeof metricUnits)[number];

export const participantUnits = ['人', '人次'] as const;
export type ParticipantUnit = (typeof participantUnits)[number];

/** "1,234 人次" */
export function formatWithUnit(value: number, unit: string): string {
  const text = Number.isInteger(value) ? value.toLocaleString('zh-CN') : value.toLocaleString('zh-CN', { maximumFractionDigits: 1 });
  return unit === '%' ? `${text}%` : `${text} ${unit}`;
}
