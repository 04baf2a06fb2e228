import { periodLabel } from '@jinguo/common/periods.ts';
import { formatWithUnit } from '@jinguo/common/units.ts';
import { Alert, Button } from 'antd';
import { useMetrics } from '../metrics/metrics.api.ts';
import { useOrg, useRootOrg } from '../orgs/orgs.api.ts';

type Props = { metricCode: string; period: string | null; orgId: string | null; ownOnly: boolean; total: number | undefined; onClear: () => void };

/** "指标「巾帼大宣讲人次」2026年 和顺县妇联 的记录：共 N 条" — the records behind a dashboard figure */
export function MetricRecordsBanner({ metricCode, period, orgId, ownOnly, total, onClear }: Props) {
  const metrics = useMetrics();
  const org = useOrg(orgId);
  const root = useRootOrg();
  const metricName = metrics.data?.items.find((m) => m.code === metricCode)?.name ?? metricCode;
  const orgName = `${(orgId ? org.data?.name : root.data?.name) ?? ''}${ownOnly ? '（本级）' : ''}`;
  const when = period ? `${periodLabel(period)} ` : '';
  const count = total === undefined ? '' : `：共 ${formatWithUnit(total, '条')}`;
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 12 }}
      message={`指标「${metricName}」${when}${orgName} 的记录${count}`}
      description="这些记录就是看板上该数字的来源。"
      action={
        <Button size="small" onClick={onClear}>
          查看全部活动
        </Button>
      }
    />
  );
}
