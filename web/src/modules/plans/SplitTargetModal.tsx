import { splitBasisLabels, splitMethodLabels } from '@jinguo/common/labels.zh-CN.ts';
import { splitBases, type TargetView } from '@jinguo/common/plans.schema.ts';
import { formatWithUnit } from '@jinguo/common/units.ts';
import { Alert, App, InputNumber, Modal, Radio, Select, Space, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { errorText } from '../../lib/errors.ts';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { useSplitPreview, useSplitTarget } from './plans.api.ts';

type Method = 'manual' | 'even' | 'proportional';
type Basis = (typeof splitBases)[number];
type Props = { target: TargetView; onClose: () => void };

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * Split a target among the child federations: pick a method (and a basis for proportional splits), see the parts
 * the server proposes and the remainder, adjust any part by hand (the split becomes manual), save. The server
 * refuses parts that do not add up; the remainder shown here is the same sum.
 */
export function SplitTargetModal({ target, onClose }: Props) {
  const [method, setMethod] = useState<Method>(target.splitMethod ?? 'even');
  const [basis, setBasis] = useState<Basis | null>((target.splitBasis as Basis | null) ?? null);
  const [values, setValues] = useState<Record<string, number>>({});
  const [edited, setEdited] = useState(false);
  const preview = useSplitPreview(target.id, method, method === 'proportional' ? basis : null);
  const split = useSplitTarget();
  const { message } = App.useApp();
  const isPhone = useIsPhone();
  const unit = target.unit ?? '';

  useEffect(() => {
    if (preview.data) {
      setValues(Object.fromEntries(preview.data.rows.map((r) => [r.orgId, r.value])));
      setEdited(false);
    }
  }, [preview.data]);

  const rows = preview.data?.rows ?? [];
  const total = target.value ?? 0;
  const sum = round2(rows.reduce((a, r) => a + (values[r.orgId] ?? 0), 0));
  const remainder = round2(total - sum);
  const effective: Method = edited ? 'manual' : method;
  const save = () =>
    split.mutate(
      effective === 'manual'
        ? { id: target.id, method: 'manual', parts: rows.map((r) => ({ orgId: r.orgId, value: values[r.orgId] ?? 0 })) }
        : { id: target.id, method: effective, basis: effective === 'proportional' ? basis : null },
      { onSuccess: () => { message.success('已分解'); onClose(); }, onError: (err) => message.error(errorText(err)) },
    );

  return (
    <Modal
      open
      width={isPhone ? '100%' : 640}
      title={<div style={{ paddingRight: 24 }}>{`分解目标：${target.orgName} ${target.metricName ?? ''} ${formatWithUnit(total, unit)}`}</div>}
      onCancel={onClose}
      onOk={save}
      okText="保存分解"
      cancelText="取消"
      okButtonProps={{ disabled: remainder !== 0 || rows.length === 0 }}
      confirmLoading={split.isPending}
      destroyOnHidden
    >
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        <Radio.Group value={method} onChange={(e) => setMethod(e.target.value)} optionType="button" options={(['even', 'proportional', 'manual'] as const).map((m) => ({ value: m, label: splitMethodLabels[m] }))} />
        {method === 'proportional' ? (
          <Select<Basis> aria-label="分解依据" placeholder="按什么比例分解" value={basis ?? undefined} onChange={setBasis} style={{ width: 220 }} options={splitBases.map((b) => ({ value: b, label: `按${splitBasisLabels[b]}` }))} />
        ) : null}
        {preview.isError ? <Alert type="warning" showIcon message={errorText(preview.error)} /> : null}
        <Table
          size="small"
          rowKey="orgId"
          pagination={false}
          loading={preview.isFetching}
          dataSource={rows}
          columns={[
            { title: '下级组织', dataIndex: 'name' },
            ...(method === 'proportional' ? [{ title: splitBasisLabels[basis ?? 'villages'], dataIndex: 'basisValue', align: 'right' as const }] : []),
            {
              title: `分解值（${unit}）`,
              dataIndex: 'value',
              align: 'right' as const,
              render: (_: number, r: { orgId: string; name: string }) => (
                <InputNumber
                  aria-label={`${r.name}的分解值`}
                  min={0}
                  inputMode="decimal"
                  value={values[r.orgId]}
                  onChange={(v) => { setValues((s) => ({ ...s, [r.orgId]: Number(v ?? 0) })); setEdited(true); }}
                  style={{ width: 110 }}
                />
              ),
            },
          ]}
        />
        <Alert
          type={remainder === 0 ? 'success' : 'error'}
          showIcon
          message={
            remainder === 0
              ? `合计 ${formatWithUnit(sum, unit)}，与目标值一致`
              : remainder > 0
                ? `合计 ${formatWithUnit(sum, unit)}，还剩 ${formatWithUnit(remainder, unit)} 未分解`
                : `合计 ${formatWithUnit(sum, unit)}，超出 ${formatWithUnit(-remainder, unit)}`
          }
        />
        {edited && method !== 'manual' ? <Typography.Text type="secondary">已手工调整，将按手工分解保存</Typography.Text> : null}
      </Space>
    </Modal>
  );
}
