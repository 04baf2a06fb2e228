import { respondentLevels } from '@jinguo/common/reports.schema.ts';
import { orgLevelLabels } from '@jinguo/common/labels.zh-CN.ts';
import { App, Form, Input, InputNumber, Modal, Select } from 'antd';
import { errorText, showFieldErrors } from '../../lib/errors.ts';
import { useMetrics } from '../metrics/metrics.api.ts';
import { periodTypeLabels } from './report-labels.ts';
import { useCreateReportForm } from './reports.api.ts';

type Values = {
  name: string;
  periodType: 'quarter' | 'month' | 'year';
  respondentLevel?: (typeof respondentLevels)[number];
  opensOffsetDays: number;
  dueOffsetDays: number;
  metricCodes: string[];
  narratives: string[];
};

/** a new report form: metrics (derived ones are prefilled for the units), narrative fields, period and dates */
export function ReportFormModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const metrics = useMetrics();
  const create = useCreateReportForm();
  const { message } = App.useApp();
  const options = (metrics.data?.items ?? [])
    .filter((m) => m.active)
    .map((m) => ({ value: m.code, label: `${m.name}（${m.unit}）${m.source === 'derived' ? ' · 自动统计' : ' · 填报'}` }));
  const submit = async () => {
    const v = await form.validateFields();
    const fields = [
      ...v.metricCodes.map((metricCode) => ({ kind: 'metric' as const, metricCode })),
      ...(v.narratives ?? []).map((label) => ({ kind: 'narrative' as const, label, required: false })),
    ];
    create.mutate(
      { name: v.name, periodType: v.periodType, respondentLevel: v.respondentLevel ?? null, opensOffsetDays: v.opensOffsetDays, dueOffsetDays: v.dueOffsetDays, fields },
      {
        onSuccess: () => {
          message.success('报表已创建');
          onClose();
        },
        onError: (e) => {
          const rest = showFieldErrors(form, e, {});
          if (rest.length) message.error(errorText(e));
        },
      },
    );
  };
  return (
    <Modal open={open} title="新建报表" okText="创建" cancelText="取消" onCancel={onClose} onOk={submit} confirmLoading={create.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" preserve={false} initialValues={{ periodType: 'quarter', opensOffsetDays: -10, dueOffsetDays: 5, narratives: ['工作亮点', '存在问题'] }}>
        <Form.Item name="name" label="报表名称" rules={[{ required: true, whitespace: true, message: '请填写报表名称' }, { max: 60 }]}>
          <Input placeholder="例如：妇女工作季度报表" />
        </Form.Item>
        <Form.Item name="periodType" label="报送周期" rules={[{ required: true }]}>
          <Select options={Object.entries(periodTypeLabels).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item name="respondentLevel" label="填报层级" extra="不选则由直属下级填报；选择更低层级时，中间各级也要报本级报表并审核下级">
          <Select allowClear options={respondentLevels.map((l) => ({ value: l, label: orgLevelLabels[l] }))} />
        </Form.Item>
        <Form.Item name="opensOffsetDays" label="开放填报（相对期末，天）" extra="负数表示期末前，如 -10">
          <InputNumber min={-366} max={366} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="dueOffsetDays" label="截止日期（期末后，天）">
          <InputNumber min={-366} max={366} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="metricCodes" label="指标" rules={[{ required: true, message: '至少选择一个指标' }]} extra="自动统计的指标在报表中按活动记录预填、不可修改">
          <Select mode="multiple" options={options} optionFilterProp="label" loading={metrics.isPending} />
        </Form.Item>
        <Form.Item name="narratives" label="文字说明栏目" extra="输入后回车添加">
          <Select mode="tags" open={false} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
