import { Select } from 'antd';
import { useState } from 'react';
import { useDebounced } from '../../lib/use-debounced.ts';
import { usePersons } from '../people/people.api.ts';

type Props = { value?: string | null; onChange?: (id: string | null) => void; orgId: string; initialLabel?: string | null; id?: string };

/** one person of the org's subtree, found by name (a task's owner) */
export function PersonPickerField({ value, onChange, orgId, initialLabel, id }: Props) {
  const [q, setQ] = useState('');
  const term = useDebounced(q.trim());
  const found = usePersons({ orgId, q: term || undefined, page: 1, pageSize: 20 }, term.length > 0);
  const options = new Map<string, string>();
  if (value && initialLabel) options.set(value, initialLabel);
  for (const p of found.data?.items ?? []) options.set(p.id, `${p.name}（${p.orgName}）`);
  return (
    <Select
      id={id}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      allowClear
      showSearch
      filterOption={false}
      onSearch={setQ}
      searchValue={q}
      placeholder="输入姓名搜索后选择"
      notFoundContent={term ? (found.isFetching ? '搜索中…' : '没有找到') : '请输入姓名'}
      options={[...options].map(([v, label]) => ({ value: v, label }))}
      style={{ width: '100%' }}
    />
  );
}
