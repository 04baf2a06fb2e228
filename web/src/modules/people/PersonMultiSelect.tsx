import { useQueries } from '@tanstack/react-query';
import { Select } from 'antd';
import { personQuery } from './people.api.ts';
import { personLabel, usePersonSearch } from './use-person-search.ts';

type Props = { value?: string[]; onChange?: (ids: string[]) => void; orgId?: string; id?: string };

/** choose people by name from the org's subtree (activity participants by name) */
export function PersonMultiSelect({ value = [], onChange, orgId, id }: Props) {
  const chosen = useQueries({ queries: value.map((pid) => ({ ...personQuery(pid), staleTime: 10 * 60_000 })) });
  const search = usePersonSearch(
    orgId,
    chosen.map((c, i) => [value[i]!, c.data ? personLabel(c.data) : '…']),
  );
  return <Select id={id} mode="multiple" value={value} onChange={onChange} maxCount={500} {...search} />;
}
