import type { PlanSummary, TaskView } from '@jinguo/common/plans.schema.ts';
import { periodLabel, periodRange } from '@jinguo/common/periods.ts';
import { App, DatePicker, Form, InputNumber, Modal, Radio, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { showFieldErrors } from '../../lib/errors.ts';
import { useMetrics } from '../metrics/metrics.api.ts';
import { OrgPickerField } from '../orgs/OrgPickerField.tsx';
import { useCreateTarget } from './plans.api.ts';

type Values = { kind: 'number' | 'milestone'; orgId: string; metricCode?: string; value?: number; period: string; deadline: Dayjs };
type Props = { plan: PlanSummary; task: TaskView; onClose: () => void };

function periodsOf(year: number): string[] {
  return [String(year), ...[1, 2, 3, 4].map((q) => `${year}Q${q}`), ...Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`)];
}

/** lastDay of a period: the default deadline */
const lastDayOf = (period: string) => dayjs(periodRange(period).to).subtract(1, 'day');

/** a numeric target (a metric's value for an org's subtree in a period) or a yes/no milestone, on a task */
export function TargetFormModal({ plan, task, onClose }: Props) {
  const [form] = Form.useForm<Values>();
  const create = useCreateTarget();
  const metrics = useMetrics();
  const { message } = App.useApp();
  const kind = Form.useWatch('kind', form);
  const submit = (v: Values) =>
    create.mutate(
      {
        taskId: task.id,
        orgId: v.orgId,
        metricCode: v.kind === 'number' ? v.metricCode : null,
        value: v.kind === 'number' ? v.value : null,
        period: v.period,
        deadline: v.deadline.format('YYYY-MM-DD'),
      },
      { onSuccess: () => { message.success('目标已添加'); onClose(); }, onError: (err) => showFieldErrors(form, err).forEach((m) => message.error(m)) },
    );
  const period = String(plan.year);
  return (
    <Modal open title={`为“${task.title}”添加目标`} onCancel={onClose} onOk={() => form.submit()} okText="保存" cancelText="取消" confirmLoading={create.isPending} destroyOnHidden>
      <Form<Values>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ kind: 'number', orgId: plan.orgId, period, deadline: task.deadline ? dayjs(task.deadline) : lastDayOf(period) }}
        onValuesChange={(changed: Partial<Values>) => changed.period && form.setFieldValue('deadline', lastDayOf(changed.period))}
        onFinish={submit}
      >
        <Form.Item label="目标类型" name="kind">
          <Radio.Group options={[{ value: 'number', label: '数量目标' }, { value: 'milestone', label: '里程碑（是/否）' }]} />
        </Form.Item>
        <Form.Item label="组织（目标计入其全部下级）" name="orgId" rules={[{ required: true, message: '请选择组织' }]}>
          <OrgPickerField />
        </Form.Item>
        {kind !== 'milestone' ? (
          <>
            <Form.Item label="指标" name="metricCode" rules={[{ required: true, message: '请选择指标' }]}>
              <Select
                loading={metrics.isPending}
                showSearch
                optionFilterProp="label"
                options={(metrics.data?.items ?? []).filter((m) => m.active).map((m) => ({ value: m.code, label: `${m.name}（${m.unit}${m.source === 'reported' ? '，填报' : ''}）` }))}
              />
            </Form.Item>
            <Form.Item label="目标值" name="value" rules={[{ required: true, message: '请输入目标值' }]}>
              <InputNumber min={0} max={100000000} inputMode="decimal" style={{ width: 160 }} />
            </Form.Item>
          </>
        ) : null}
        <Form.Item label="期间" name="period" rules={[{ required: true, message: '请选择期间' }]}>
          <Select options={periodsOf(plan.year).map((p) => ({ value: p, label: periodLabel(p) }))} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item label="完成期限" name="deadline" rules={[{ required: true, message: '请选择完成期限' }]}>
          <DatePicker style={{ width: '100%' }} inputReadOnly />
        </Form.Item>
      </Form>
    </Modal>
  );
}
