import type { MetricView } from '@jinguo/common/metrics.schema.ts';
import { metricUnits, type MetricUnit } from '@jinguo/common/units.ts';
import { Form, Input, InputNumber, Modal, Radio, Select } from 'antd';
import { useFormFeedback } from '../../lib/use-form-feedback.ts';
import { useActivityKinds } from '../activities/activities.api.ts';
import { metricAggregationLabels } from '@jinguo/common/labels.zh-CN.ts';
import { useCreateMetric, useUpdateMetric } from './metrics.api.ts';

type Aggregation = NonNullable<MetricView['aggregation']>;
type Values = { name: string; unit: MetricUnit; aggregation: Aggregation; kindCodes: string[]; sort?: number };
type Props = { metric: MetricView | null; open: boolean; onClose: () => void };

/** a derived metric: count the activities of some kinds, or add up their participants */
export function MetricFormModal({ metric, open, onClose }: Props) {
  const [form] = Form.useForm<Values>();
  const kinds = useActivityKinds();
  const create = useCreateMetric();
  const update = useUpdateMetric();
  const { saved, failed: fail } = useFormFeedback(form);
  const done = saved(onClose);
  const submit = (v: Values) => {
    if (metric) update.mutate({ code: metric.code, name: v.name, unit: v.unit, kindCodes: v.kindCodes, sort: v.sort }, { onSuccess: done, onError: fail });
    else create.mutate(v, { onSuccess: done, onError: fail });
  };
  const initial = metric
    ? { name: metric.name, unit: metric.unit, aggregation: metric.aggregation ?? 'count_activities', kindCodes: metric.kindCodes, sort: metric.sort }
    : { unit: '场' as const, aggregation: 'count_activities' as const, kindCodes: [] };
  return (
    <Modal open={open} title={metric ? `编辑指标：${metric.name}` : '新建指标'} onCancel={onClose} onOk={() => form.submit()} okText="保存" cancelText="取消" confirmLoading={create.isPending || update.isPending} destroyOnHidden>
      <Form<Values> form={form} layout="vertical" preserve={false} initialValues={initial} onFinish={submit}>
        <Form.Item label="指标名称" name="name" rules={[{ required: true, whitespace: true, message: '请输入指标名称' }]}>
          <Input maxLength={50} placeholder="如：家庭教育讲座场次" />
        </Form.Item>
        <Form.Item label="统计方式" name="aggregation" rules={[{ required: true, message: '请选择统计方式' }]} extra={metric ? '统计方式创建后不能修改' : undefined}>
          <Radio.Group disabled={!!metric} options={Object.entries(metricAggregationLabels).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item label="单位" name="unit" rules={[{ required: true, message: '请选择单位' }]}>
          <Select options={metricUnits.map((u) => ({ value: u, label: u }))} style={{ width: 120 }} />
        </Form.Item>
        <Form.Item label="统计哪些活动类型" name="kindCodes" rules={[{ required: true, type: 'array', min: 1, message: '至少选择一个活动类型' }]}>
          <Select
            mode="multiple"
            loading={kinds.isPending}
            optionFilterProp="label"
            options={(kinds.data?.items ?? []).map((k) => ({ value: k.code, label: k.active ? k.name : `${k.name}（已停用）` }))}
          />
        </Form.Item>
        <Form.Item label="排序（数字小的在前）" name="sort">
          <InputNumber min={0} max={10000} precision={0} inputMode="numeric" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
