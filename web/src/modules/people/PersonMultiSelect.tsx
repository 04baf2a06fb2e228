import { useQueries } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { useDebounced } from '../../lib/use-debounced.ts';
import { personQuery, usePersons } from './people.api.ts';

type Props = { value?: string[]; onChange?: (ids: string[]) => void; orgId?: string; id?: string };

/** choose people by name from the org's subtree (activity participants by name) */
export function PersonMultiSelect({ value = [], onChange, orgId, id }: Props) {
  const [q, setQ] = useState('');
  const term = useDebounced(q.trim());
  const found = usePersons({ orgId, q: term || undefined, page: 1, pageSize: 20 }, term.length > 0);
  const chosen = useQueries({ queries: value.map((pid) => ({ ...personQuery(pid), staleTime: 10 * 60_000 })) });
  const options = new Map<string, string>();
  chosen.forEach((c, i) => options.set(value[i]!, c.data ? `${c.data.name}（${c.data.orgName}）` : '…'));
  for (const p of found.data?.items ?? []) options.set(p.id, `${p.name}（${p.orgName}）`);
  return (
    <Select
      id={id}
      mode="multiple"
      value={value}
      onChange={onChange}
      showSearch
      filterOption={false}
      onSearch={setQ}
      searchValue={q}
      placeholder="输入姓名搜索后选择"
      notFoundContent={term ? (found.isFetching ? '搜索中…' : '没有找到') : '请输入姓名'}
      options={[...options].map(([v, label]) => ({ value: v, label }))}
      style={{ width: '100%' }}
      maxCount={500}
    />
  );
}
