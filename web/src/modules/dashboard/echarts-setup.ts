// only the parts of ECharts the dashboard draws: keeps its chunk small
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, CanvasRenderer]);

export { echarts };
export type { ComposeOption } from 'echarts/core';
export type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
export type { GridComponentOption, TooltipComponentOption } from 'echarts/components';
