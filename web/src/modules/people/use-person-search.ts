import { useState } from 'react';
import { useDebounced } from '../../lib/use-debounced.ts';
import { usePersons } from './people.api.ts';

/** how a person reads in a select: name and org */
export function personLabel(p: { name: string; orgName: string }): string {
  return `${p.name}（${p.orgName}）`;
}

/**
 * The search part of a person select: people of the org's subtree found by name, after the labels of those already
 * chosen (so a chosen person keeps a readable label before any search).
 */
export function usePersonSearch(orgId: string | undefined, chosen: [string, string][]) {
  const [q, setQ] = useState('');
  const term = useDebounced(q.trim());
  const found = usePersons({ orgId, q: term || undefined, page: 1, pageSize: 20 }, term.length > 0);
  const options = new Map<string, string>(chosen);
  for (const p of found.data?.items ?? []) options.set(p.id, personLabel(p));
  return {
    showSearch: true,
    filterOption: false,
    onSearch: setQ,
    searchValue: q,
    placeholder: '输入姓名搜索后选择',
    notFoundContent: term ? (found.isFetching ? '搜索中…' : '没有找到') : '请输入姓名',
    options: [...options].map(([value, text]) => ({ value, label: text })),
    style: { width: '100%' },
  } as const;
}
