import { formatWithUnit } from '@jinguo/common/units.ts';
import type { ReportDetail } from '@jinguo/common/reports.schema.ts';
import { Form, Input, InputNumber, Radio, Space } from 'antd';
import { Link } from 'react-router';
import { recordsLink } from '../dashboard/dashboard.api.ts';

type Value = ReportDetail['values'][number];

function belowText(v: Value): string | null {
  if (!v.below || v.below.units === 0) return null;
  const figure = v.below.value === null ? '' : v.valueType === 'boolean' ? `${v.below.value} 个“是”` : formatWithUnit(v.below.value, v.unit);
  return `下级已审核：${figure}（${v.below.units} 个单位）`;
}

/** one metric of a report: derived ones read-only with the records behind them, reported ones editable */
export function ReportValueField({ value: v, report, editable }: { value: Value; report: ReportDetail; editable: boolean }) {
  const below = belowText(v);
  const extra = below ? <span className="jg-muted">{below}</span> : null;
  if (v.source === 'derived') {
    return (
      <Form.Item label={`${v.label}（${v.unit}）`} extra={extra}>
        <Space wrap>
          <strong>{formatWithUnit(Number(v.value ?? 0), v.unit)}</strong>
          <span className="jg-muted">{report.status === 'draft' || report.status === 'returned' ? '按活动记录自动统计' : '上报时的记录统计'}</span>
          <Link to={recordsLink({ metricCode: v.metricCode, period: report.period, orgId: report.orgId })}>查看记录</Link>
        </Space>
      </Form.Item>
    );
  }
  const rules = v.required ? [{ required: true, message: `请填写${v.label}` }] : [];
  const input =
    v.valueType === 'boolean' ? (
      <Radio.Group disabled={!editable} options={[{ label: '是', value: true }, { label: '否', value: false }]} />
    ) : v.valueType === 'text' ? (
      <Input.TextArea disabled={!editable} rows={2} maxLength={2000} />
    ) : (
      <InputNumber disabled={!editable} style={{ width: '100%', maxWidth: 240 }} addonAfter={v.unit} min={-1e12} max={1e12} />
    );
  return (
    <Form.Item name={['values', v.metricCode]} label={v.valueType === 'number' ? v.label : `${v.label}`} rules={rules} extra={extra}>
      {input}
    </Form.Item>
  );
}
