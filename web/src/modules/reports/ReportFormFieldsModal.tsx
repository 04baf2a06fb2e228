import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined } from '@ant-design/icons';
import type { ReportFormView } from '@jinguo/common/reports.schema.ts';
import { App, Button, Empty, Input, List, Modal, Select, Space, Switch, Tag, Typography } from 'antd';
import { useState } from 'react';
import { errorText } from '../../lib/errors.ts';
import { useMetrics } from '../metrics/metrics.api.ts';
import { useUpdateReportForm } from './reports.api.ts';

type Row =
  | { kind: 'metric'; metricCode: string; label: string; unit: string | null; derived: boolean; required: boolean }
  | { kind: 'narrative'; label: string; required: boolean };

const keyOf = (r: Row) => (r.kind === 'metric' ? `m:${r.metricCode}` : `n:${r.label}`);

function rowsOf(form: ReportFormView): Row[] {
  return form.fields.map((f) =>
    f.kind === 'metric'
      ? { kind: 'metric', metricCode: f.metricCode!, label: f.label, unit: f.unit, derived: f.source === 'derived', required: f.required }
      : { kind: 'narrative', label: f.label, required: f.required },
  );
}

/** the fields of a report form: add, remove and reorder metrics (derived or reported) and narrative fields, mark them required */
export function ReportFormFieldsModal({ form, onClose }: { form: ReportFormView; onClose: () => void }) {
  const [rows, setRows] = useState<Row[]>(() => rowsOf(form));
  const [narrative, setNarrative] = useState('');
  const metrics = useMetrics();
  const update = useUpdateReportForm();
  const { message } = App.useApp();
  const present = new Set(rows.map(keyOf));
  const metricOptions = (metrics.data?.items ?? [])
    .filter((m) => m.active && !present.has(`m:${m.code}`))
    .map((m) => ({ value: m.code, label: `${m.name}（${m.unit}）${m.source === 'derived' ? ' · 自动统计' : ' · 填报'}` }));
  const addMetric = (code: string) => {
    const m = metrics.data?.items.find((x) => x.code === code);
    if (m) setRows((rs) => [...rs, { kind: 'metric', metricCode: m.code, label: m.name, unit: m.unit, derived: m.source === 'derived', required: true }]);
  };
  const addNarrative = () => {
    const label = narrative.trim();
    if (!label) return;
    if (present.has(`n:${label}`)) return void message.warning('已有同名的文字栏目');
    setRows((rs) => [...rs, { kind: 'narrative', label, required: false }]);
    setNarrative('');
  };
  const move = (i: number, by: -1 | 1) =>
    setRows((rs) => {
      const next = [...rs];
      [next[i], next[i + by]] = [next[i + by]!, next[i]!];
      return next;
    });
  const save = () => {
    const fields = rows.map((r) => (r.kind === 'metric' ? { kind: 'metric' as const, metricCode: r.metricCode, required: r.required } : { kind: 'narrative' as const, label: r.label, required: r.required }));
    update.mutate(
      { id: form.id, fields },
      { onSuccess: () => { message.success('栏目已保存'); onClose(); }, onError: (e) => message.error(errorText(e)) },
    );
  };
  return (
    <Modal open title={`编辑栏目：${form.name}`} okText="保存" cancelText="取消" onCancel={onClose} onOk={save} okButtonProps={{ disabled: rows.length === 0 }} confirmLoading={update.isPending} width={640} destroyOnHidden>
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        自动统计的指标在报表中按活动记录预填、不可修改；填报指标和文字说明由下级填写。
      </Typography.Paragraph>
      {rows.length === 0 ? <Empty description="至少需要一个栏目" /> : null}
      <List
        size="small"
        bordered
        dataSource={rows}
        rowKey={keyOf}
        renderItem={(r, i) => (
          <List.Item
            actions={[
              <Button key="up" type="text" size="small" aria-label={`上移${r.label}`} icon={<ArrowUpOutlined aria-hidden />} disabled={i === 0} onClick={() => move(i, -1)} />,
              <Button key="down" type="text" size="small" aria-label={`下移${r.label}`} icon={<ArrowDownOutlined aria-hidden />} disabled={i === rows.length - 1} onClick={() => move(i, 1)} />,
              <Button key="del" type="text" size="small" danger aria-label={`删除${r.label}`} icon={<DeleteOutlined aria-hidden />} onClick={() => setRows((rs) => rs.filter((_, j) => j !== i))} />,
            ]}
          >
            <Space wrap size={[6, 4]}>
              <span>{r.label}{r.kind === 'metric' && r.unit ? `（${r.unit}）` : ''}</span>
              <Tag color={r.kind === 'narrative' ? 'default' : r.derived ? 'blue' : 'purple'}>{r.kind === 'narrative' ? '文字说明' : r.derived ? '自动统计' : '填报'}</Tag>
              <Switch
                size="small"
                checkedChildren="必填"
                unCheckedChildren="选填"
                checked={r.required}
                aria-label={`${r.label}必填`}
                onChange={(required) => setRows((rs) => rs.map((x, j) => (j === i ? { ...x, required } : x)))}
              />
            </Space>
          </List.Item>
        )}
      />
      <Space direction="vertical" style={{ width: '100%', marginTop: 12 }}>
        <Select aria-label="添加指标" placeholder="添加指标" value={null} options={metricOptions} optionFilterProp="label" showSearch loading={metrics.isPending} onChange={(code: string | null) => code && addMetric(code)} style={{ width: '100%' }} />
        <Space.Compact style={{ width: '100%' }}>
          <Input aria-label="文字栏目名称" placeholder="文字说明栏目名称，如：工作亮点" maxLength={40} value={narrative} onChange={(e) => setNarrative(e.target.value)} onPressEnter={addNarrative} />
          <Button onClick={addNarrative}>添加文字栏目</Button>
        </Space.Compact>
      </Space>
    </Modal>
  );
}
