import { CaretDownFilled, LoadingOutlined } from '@ant-design/icons';
import type { OrgSummary } from '@jinguo/common/orgs.schema.ts';
import { useQueries, type UseQueryResult } from '@tanstack/react-query';
import { Button, Tag, Tree } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { useEffect, useMemo, useState } from 'react';
import { childrenQuery } from './orgs.api.ts';

type Props = {
  root: { id: string; name: string };
  selectedId: string;
  /** ids from the root down to the selected org: opened so the selection is visible */
  ancestorIds: string[];
  includeClosed: boolean;
  onSelect: (id: string) => void;
};
type ChildrenResult = UseQueryResult<{ items: OrgSummary[] }>;

function nodeTitle(org: OrgSummary) {
  return (
    <span>
      {org.name}
      {org.status === 'closed' ? <Tag style={{ marginInlineStart: 6 }}>已撤销</Tag> : null}
    </span>
  );
}

/** stands in for the children of an open node while they load, or when loading them failed */
function placeholderNode(parentId: string, result: ChildrenResult | undefined): DataNode {
  const title = result?.isFetching !== false ? (
    <span className="jg-muted"><LoadingOutlined aria-hidden /> 加载中…</span>
  ) : (
    <span className="jg-muted">
      下级组织加载失败
      <Button type="link" size="small" onClick={() => result.refetch()}>重试</Button>
    </span>
  );
  return { key: `${parentId}/placeholder`, title, isLeaf: true, selectable: false };
}

/**
 * The org tree. Which nodes are open is this component's state, changed only by the user (and by revealing the
 * selection); the children of every open node come from TanStack Query's cache. There is no rc-tree `loadData`:
 * its loading state machine folds a node again when its promise rejects (a request cancelled because another
 * observer of the same key went away), and a background refetch keeps the cached children, so nothing here
 * closes a node or drops its children except the user.
 */
export function OrgTree({ root, selectedId, ancestorIds, includeClosed, onSelect }: Props) {
  const [expanded, setExpanded] = useState<string[]>([root.id]);
  const openIds = useMemo(() => Array.from(new Set([root.id, ...expanded])), [root.id, expanded]);
  const children = useQueries({ queries: openIds.map((id) => childrenQuery(id, includeClosed)) });

  useEffect(() => {
    setExpanded((prev) => (ancestorIds.every((id) => prev.includes(id)) ? prev : Array.from(new Set([...prev, ...ancestorIds]))));
  }, [ancestorIds]);

  const treeData = useMemo(() => {
    const resultOf = new Map(openIds.map((id, i) => [id, children[i]]));
    const kidsOf = (id: string): DataNode[] | undefined => {
      if (!resultOf.has(id)) return undefined;
      const result = resultOf.get(id);
      const items = result?.data?.items;
      return items ? items.map(build) : [placeholderNode(id, result)];
    };
    const build = (org: OrgSummary): DataNode => {
      const kids = kidsOf(org.id);
      return { key: org.id, title: nodeTitle(org), isLeaf: org.childCount === 0 || kids?.length === 0, children: kids };
    };
    const rootKids = kidsOf(root.id);
    return [{ key: root.id, title: root.name, isLeaf: rootKids?.length === 0, children: rootKids } satisfies DataNode];
  }, [children, openIds, root]);

  return (
    <Tree
      treeData={treeData}
      selectedKeys={[selectedId]}
      expandedKeys={expanded}
      onExpand={(keys) => setExpanded(keys.map(String))}
      onSelect={(keys) => keys[0] && onSelect(String(keys[0]))}
      switcherIcon={<CaretDownFilled aria-hidden />}
      blockNode
      style={{ fontSize: 14 }}
    />
  );
}
