import { auditActionLabels, auditEntityLabels } from '@jinguo/common/labels.zh-CN.ts';
import { DatePicker, Select } from 'antd';
import dayjs from 'dayjs';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { OrgPickerField } from '../orgs/OrgPickerField.tsx';

export type AuditFilterValues = { orgId: string | null; from: string | null; to: string | null; entity: string | null; action: string | null };

const options = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));

/** two single date pickers instead of a range picker: the range pop-up is wider than a phone */
export function AuditFilters({ values, onChange }: { values: AuditFilterValues; onChange: (patch: Partial<AuditFilterValues>) => void }) {
  const isPhone = useIsPhone();
  const day = (v: string | null) => (v ? dayjs(v) : null);
  return (
    <div className="jg-toolbar">
      <div style={{ width: 240 }}>
        <OrgPickerField value={values.orgId} onChange={(orgId) => onChange({ orgId })} allowClear placeholder="全部组织（本级及下级）" />
      </div>
      <DatePicker aria-label="开始日期" placeholder="开始日期" inputReadOnly={isPhone} value={day(values.from)} onChange={(d) => onChange({ from: d ? d.format('YYYY-MM-DD') : null })} />
      <DatePicker aria-label="结束日期" placeholder="结束日期" inputReadOnly={isPhone} value={day(values.to)} onChange={(d) => onChange({ to: d ? d.format('YYYY-MM-DD') : null })} />
      <Select aria-label="对象类型" allowClear placeholder="全部对象" value={values.entity ?? undefined} options={options(auditEntityLabels)} onChange={(entity?: string) => onChange({ entity: entity ?? null })} style={{ width: 140 }} />
      <Select aria-label="操作类型" allowClear placeholder="全部操作" value={values.action ?? undefined} options={options(auditActionLabels)} onChange={(action?: string) => onChange({ action: action ?? null })} style={{ width: 140 }} />
    </div>
  );
}
