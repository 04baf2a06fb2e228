import { metricUnits } from '@jinguo/common/units.ts';
import { App, Form, Input, Modal, Select } from 'antd';
import { errorText } from '../../lib/errors.ts';
import { useCreateReportedMetric } from './reports.api.ts';

type Values = { name: string; unit: (typeof metricUnits)[number]; valueType: 'number' | 'boolean' | 'text'; rollup: 'sum' | 'avg' };

/** a metric the units fill in on report forms (not counted from activity records) */
export function ReportedMetricModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const create = useCreateReportedMetric();
  const { message } = App.useApp();
  const submit = async () => {
    const v = await form.validateFields();
    create.mutate(v, {
      onSuccess: () => {
        message.success('填报指标已创建');
        onClose();
      },
      onError: (e) => message.error(errorText(e)),
    });
  };
  return (
    <Modal open={open} title="新建填报指标" okText="创建" cancelText="取消" onCancel={onClose} onOk={submit} confirmLoading={create.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" preserve={false} initialValues={{ unit: '个', valueType: 'number', rollup: 'sum' }}>
        <Form.Item name="name" label="指标名称" rules={[{ required: true, whitespace: true, message: '请填写指标名称' }, { max: 50 }]}>
          <Input placeholder="例如：新建妇女微家" />
        </Form.Item>
        <Form.Item name="valueType" label="填报类型">
          <Select options={[{ value: 'number', label: '数值' }, { value: 'boolean', label: '是/否' }, { value: 'text', label: '文字' }]} />
        </Form.Item>
        <Form.Item name="unit" label="单位">
          <Select options={metricUnits.map((u) => ({ value: u, label: u }))} />
        </Form.Item>
        <Form.Item name="rollup" label="向上汇总" extra="比率、满意度等取平均值，其余求和">
          <Select options={[{ value: 'sum', label: '求和' }, { value: 'avg', label: '平均' }]} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
