import { useEffect, useRef } from 'react';
import { echarts } from './echarts-setup.ts';

type ClickParams = { dataIndex: number };
type Props = { option: Parameters<echarts.ECharts['setOption']>[0]; height: number; label: string; onClick?: (p: ClickParams) => void };

/** one ECharts instance that follows its container's size */
export function EChart({ option, height, label, onClick }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const instance = echarts.init(el, undefined, { renderer: 'canvas', locale: 'ZH' });
    chart.current = instance;
    instance.on('click', (p) => clickRef.current?.({ dataIndex: (p as { dataIndex: number }).dataIndex }));
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  useEffect(() => {
    chart.current?.resize();
  }, [height]);

  return <div ref={ref} role="img" aria-label={label} style={{ width: '100%', height }} />;
}
