import { RightOutlined } from '@ant-design/icons';
import type { OrgSummary } from '@jinguo/common/orgs.schema.ts';
import { formatWithUnit } from '@jinguo/common/units.ts';
import { Button, Empty, Skeleton, Tag } from 'antd';
import { QueryError } from '../../components/QueryError.tsx';
import { orgTypeLabel } from './org-labels.ts';
import { useOrgChildren } from './orgs.api.ts';

type Props = {
  parentId: string;
  includeClosed?: boolean;
  /** go one level down */
  onOpen: (org: OrgSummary) => void;
  /** when given, each row has a "选择" button */
  onPick?: (org: OrgSummary) => void;
};

/** the children of one org as a touch-friendly list; tapping a row opens it */
export function OrgDrillList({ parentId, includeClosed = false, onOpen, onPick }: Props) {
  const children = useOrgChildren(parentId, includeClosed);
  if (children.isPending) return <Skeleton active paragraph={{ rows: 4 }} />;
  if (children.isError) return <QueryError error={children.error} onRetry={() => children.refetch()} />;
  if (children.data.items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有下级组织" />;
  return (
    <div role="list">
      {children.data.items.map((org) => (
        <div key={org.id} className="jg-drill-item" role="listitem">
          <div
            className="jg-drill-name jg-clickable"
            role="button"
            tabIndex={0}
            onClick={() => (org.childCount > 0 || !onPick ? onOpen(org) : onPick(org))}
            onKeyDown={(e) => e.key === 'Enter' && onOpen(org)}
          >
            <div>
              {org.name} {org.status === 'closed' ? <Tag>已撤销</Tag> : null}
            </div>
            <div className="jg-muted" style={{ fontSize: 12 }}>
              {orgTypeLabel(org)}
              {org.childCount > 0 ? ` · 下级 ${formatWithUnit(org.childCount, '个')}` : ''}
            </div>
          </div>
          {onPick ? (
            <Button onClick={() => onPick(org)} disabled={org.status === 'closed'}>
              选择
            </Button>
          ) : null}
          {org.childCount > 0 ? (
            <Button type="text" icon={<RightOutlined aria-hidden />} aria-label={`查看${org.name}的下级`} onClick={() => onOpen(org)} />
          ) : null}
        </div>
      ))}
    </div>
  );
}
