import { formatWithUnit } from '@jinguo/common/units.ts';
import { useMemo } from 'react';
import { breakdownChartHeight, rowLabel, topRows, type Breakdown, type BreakdownRow } from './breakdown-rows.ts';
import { EChart } from './EChart.tsx';

type Props = { breakdown: Breakdown; limit: number; onRowClick: (row: BreakdownRow) => void };

/** horizontal bars of the largest `limit` rows: long Chinese names stay readable on a phone */
export function BreakdownChart({ breakdown, limit, onRowClick }: Props) {
  const { rows, metric } = breakdown;
  // ECharts draws a category axis from the bottom up: reversed, the largest bar is on top
  const shown = useMemo(() => topRows(rows, limit).reverse(), [rows, limit]);
  const option = useMemo(
    () => ({
      grid: { left: 8, right: 56, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis' as const, axisPointer: { type: 'shadow' as const }, valueFormatter: (v: unknown) => (typeof v === 'number' ? formatWithUnit(v, metric.unit) : '—') },
      xAxis: { type: 'value' as const, minInterval: 1, axisLabel: { hideOverlap: true } },
      yAxis: {
        type: 'category' as const,
        data: shown.map(rowLabel),
        axisLabel: { width: 110, overflow: 'truncate' as const, interval: 0 },
      },
      series: [
        {
          type: 'bar' as const,
          name: metric.name,
          data: shown.map((r) => ({ value: r.value, itemStyle: { color: r.own ? '#f759ab' : '#c41d7f' } })),
          barMaxWidth: 22,
          label: { show: true, position: 'right' as const, formatter: (p: { value: unknown }) => String(p.value) },
          cursor: 'pointer',
        },
      ],
    }),
    [shown, metric],
  );
  return (
    <EChart
      option={option}
      height={breakdownChartHeight(shown.length)}
      label={`${metric.name}按下级组织的柱状图`}
      onClick={({ dataIndex }) => {
        const row = shown[dataIndex];
        if (row) onRowClick(row);
      }}
    />
  );
}
