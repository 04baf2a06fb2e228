import { Empty, List, Skeleton, Tag } from 'antd';
import { QueryError } from '../../components/QueryError.tsx';
import { orgTypeLabel } from './org-labels.ts';
import { useOrgSearch, type OrgSearchItem } from './orgs.api.ts';

/** orgs whose name matches, with their path below the user's org ("义兴镇妇联 / 东关村妇联") */
export function OrgSearchResults({ q, onPick }: { q: string; onPick: (org: OrgSearchItem) => void }) {
  const search = useOrgSearch(q);
  if (search.isPending) return <Skeleton active paragraph={{ rows: 3 }} />;
  if (search.isError) return <QueryError error={search.error} onRetry={() => search.refetch()} />;
  if (search.data.items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={`没有找到名称含“${q.trim()}”的组织`} />;
  return (
    <List
      dataSource={search.data.items}
      renderItem={(org) => (
        <List.Item className="jg-clickable" onClick={() => onPick(org)} role="button" tabIndex={0} onKeyDown={(e) => e.key === 'Enter' && onPick(org)} style={{ minHeight: 52 }}>
          <List.Item.Meta
            title={
              <span>
                {org.name} {org.status === 'closed' ? <Tag>已撤销</Tag> : null}
              </span>
            }
            description={`${org.pathNames || org.name} · ${orgTypeLabel(org)}`}
          />
        </List.Item>
      )}
    />
  );
}
