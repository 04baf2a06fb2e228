import { formatWithUnit } from '@jinguo/common/units.ts';
import { useMemo } from 'react';
import { rowLabel, type Breakdown, type BreakdownRow } from './breakdown-rows.ts';
import { EChart } from './EChart.tsx';

/** horizontal bars: long Chinese names stay readable on a phone */
export function BreakdownChart({ breakdown, onRowClick }: { breakdown: Breakdown; onRowClick: (row: BreakdownRow) => void }) {
  const { rows, metric } = breakdown;
  const option = useMemo(() => {
    const shown = [...rows].reverse();
    return {
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
    };
  }, [rows, metric]);
  const height = Math.max(160, rows.length * 34 + 24);
  return (
    <EChart
      option={option}
      height={height}
      label={`${metric.name}按下级组织的柱状图`}
      onClick={({ dataIndex }) => {
        const row = rows[rows.length - 1 - dataIndex];
        if (row) onRowClick(row);
      }}
    />
  );
}
