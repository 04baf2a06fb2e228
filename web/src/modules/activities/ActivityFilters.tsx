import { FilterOutlined } from '@ant-design/icons';
import { Badge, Button, Select } from 'antd';
import { useEffect, useState } from 'react';
import { PeriodPicker } from '../../components/PeriodPicker.tsx';
import { SearchInput } from '../../components/SearchInput.tsx';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { OrgPickerField } from '../orgs/OrgPickerField.tsx';
import { useActivityKinds } from './activities.api.ts';

export type ActivityFilterValues = { orgId: string | null; kindCode: string | null; period: string | null; q: string | null };

type Props = { values: ActivityFilterValues; onChange: (patch: Partial<ActivityFilterValues>) => void };

/** on phones only the search shows; the other filters open behind "筛选" */
export function ActivityFilters({ values, onChange }: Props) {
  const kinds = useActivityKinds();
  const isPhone = useIsPhone();
  const [q, setQ] = useState(values.q ?? '');
  useEffect(() => setQ(values.q ?? ''), [values.q]);
  const activeCount = [values.orgId, values.kindCode, values.period].filter(Boolean).length;
  const [open, setOpen] = useState(activeCount > 0);

  const search = (
    <SearchInput
      aria-label="搜索活动名称"
      placeholder="搜索活动名称"
      value={q}
      maxLength={50}
      onChange={(e) => setQ(e.target.value)}
      onSearch={(v) => onChange({ q: v.trim() || null })}
      style={{ width: isPhone ? undefined : 220, flex: isPhone ? 1 : undefined }}
    />
  );
  const others = (
    <>
      <div style={{ width: isPhone ? '100%' : 240 }}>
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
        style={{ width: isPhone ? '100%' : 180 }}
      />
      <PeriodPicker allowAll value={values.period} onChange={(period) => onChange({ period })} />
    </>
  );

  if (!isPhone) {
    return (
      <div className="jg-toolbar">
        {others}
        {search}
      </div>
    );
  }
  return (
    <div style={{ marginBottom: 12 }}>
      <div style={{ display: 'flex', gap: 8 }}>
        {search}
        <Badge count={activeCount} size="small">
          <Button icon={<FilterOutlined aria-hidden />} aria-expanded={open} onClick={() => setOpen(!open)}>筛选</Button>
        </Badge>
      </div>
      {open ? <div style={{ display: 'flex', flexDirection: 'column', gap: 8, marginTop: 8 }}>{others}</div> : null}
    </div>
  );
}
