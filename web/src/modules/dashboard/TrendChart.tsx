import { todayInShanghai } from '@jinguo/common/periods.ts';
import { formatWithUnit } from '@jinguo/common/units.ts';
import { useMemo } from 'react';
import { monthLabel, trendValues, type Breakdown } from './breakdown-rows.ts';
import { EChart } from './EChart.tsx';

export function TrendChart({ breakdown }: { breakdown: Breakdown }) {
  const { trend, metric } = breakdown;
  const option = useMemo(
    () => ({
      grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis' as const, valueFormatter: (v: unknown) => (typeof v === 'number' ? formatWithUnit(v, metric.unit) : '—') },
      xAxis: { type: 'category' as const, data: trend.map((t) => monthLabel(t.month)), boundaryGap: false },
      yAxis: { type: 'value' as const, minInterval: 1, name: metric.unit, nameTextStyle: { align: 'right' as const } },
      series: [
        {
          type: 'line' as const,
          name: metric.name,
          data: trendValues(trend, todayInShanghai()),
          smooth: 0.2,
          symbolSize: 7,
          itemStyle: { color: '#c41d7f' },
          areaStyle: { color: 'rgba(196,29,127,0.08)' },
        },
      ],
    }),
    [trend, metric],
  );
  return <EChart option={option} height={240} label={`${metric.name}逐月趋势折线图`} />;
}
