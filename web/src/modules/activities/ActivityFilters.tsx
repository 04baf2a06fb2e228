import { Input, Select } from 'antd';
import { useEffect, useState } from 'react';
import { PeriodPicker } from '../../components/PeriodPicker.tsx';
import { OrgPickerField } from '../orgs/OrgPickerField.tsx';
import { useActivityKinds } from './activities.api.ts';

export type ActivityFilterValues = { orgId: string | null; kindCode: string | null; period: string | null; q: string | null };

type Props = { values: ActivityFilterValues; onChange: (patch: Partial<ActivityFilterValues>) => void };

export function ActivityFilters({ values, onChange }: Props) {
  const kinds = useActivityKinds();
  const [q, setQ] = useState(values.q ?? '');
  useEffect(() => setQ(values.q ?? ''), [values.q]);
  return (
    <div className="jg-toolbar">
      <div style={{ width: 240 }}>
        <OrgPickerField value={values.orgId} onChange={(orgId) => onChange({ orgId })} allowClear placeholder="全部组织（本级及下级）" />
      </div>
      <Select
        aria-label="活动类型"
        allowClear
        placeholder="全部类型"
        value={values.kindCode ?? undefined}
        onChange={(kindCode?: string) => onChange({ kindCode: kindCode ?? null })}
        options={(kinds.data?.items ?? []).map((k) => ({ value: k.code, label: k.active ? k.name : `${k.name}（已停用）` }))}
        loading={kinds.isPending}
        style={{ width: 180 }}
      />
      <PeriodPicker allowAll value={values.period} onChange={(period) => onChange({ period })} />
      <Input.Search
        aria-label="搜索活动名称或地点"
        placeholder="搜索名称、地点"
        allowClear
        value={q}
        maxLength={50}
        onChange={(e) => setQ(e.target.value)}
        onSearch={(v) => onChange({ q: v.trim() || null })}
        style={{ width: 220 }}
      />
    </div>
  );
}
