import { useQueries } from '@tanstack/react-query';
import { personQuery } from '../people/people.api.ts';

export function ParticipantNames({ ids }: { ids: string[] }) {
  const people = useQueries({ queries: ids.slice(0, 100).map((id) => ({ ...personQuery(id), staleTime: 10 * 60_000, retry: false })) });
  if (ids.length === 0) return <>—</>;
  const names = people.map((p) => p.data?.name ?? (p.isError ? '（无法显示）' : '…'));
  return <>{names.join('、')}{ids.length > 100 ? ` 等 ${ids.length} 人` : ''}</>;
}
