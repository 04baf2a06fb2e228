import { Select } from 'antd';
import { usePersonSearch } from '../people/use-person-search.ts';

type Props = { value?: string | null; onChange?: (id: string | null) => void; orgId: string; initialLabel?: string | null; id?: string };

/** one person of the org's subtree, found by name (a task's owner) */
export function PersonPickerField({ value, onChange, orgId, initialLabel, id }: Props) {
  const search = usePersonSearch(orgId, value && initialLabel ? [[value, initialLabel]] : []);
  return <Select id={id} value={value ?? undefined} onChange={(v) => onChange?.(v ?? null)} allowClear {...search} />;
}
