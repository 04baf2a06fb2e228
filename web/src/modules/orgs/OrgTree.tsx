import type { OrgSummary } from '@jinguo/common/orgs.schema.ts';
import { useQueries, useQueryClient } from '@tanstack/react-query';
import { Tag, Tree } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { useEffect, useMemo, useState } from 'react';
import { childrenQuery, fetchOrgChildren } from './orgs.api.ts';

type Props = {
  root: { id: string; name: string };
  selectedId: string;
  /** ids from the root down to the selected org: opened so the selection is visible */
  ancestorIds: string[];
  includeClosed: boolean;
  onSelect: (id: string) => void;
};

function nodeTitle(org: OrgSummary) {
  return (
    <span>
      {org.name}
      {org.status === 'closed' ? <Tag style={{ marginInlineStart: 6 }}>已撤销</Tag> : null}
    </span>
  );
}

/** the org tree, children loaded when a node is opened; the loaded levels stay in TanStack Query's cache */
export function OrgTree({ root, selectedId, ancestorIds, includeClosed, onSelect }: Props) {
  const queryClient = useQueryClient();
  const [expanded, setExpanded] = useState<string[]>([root.id]);
  const loadedIds = useMemo(() => Array.from(new Set([root.id, ...expanded])), [root.id, expanded]);
  const children = useQueries({
    queries: loadedIds.map((id) => childrenQuery(id, includeClosed)),
  });

  useEffect(() => {
    if (ancestorIds.length) setExpanded((prev) => Array.from(new Set([...prev, ...ancestorIds])));
  }, [ancestorIds]);

  const treeData = useMemo(() => {
    const byParent = new Map<string, OrgSummary[]>();
    loadedIds.forEach((id, i) => {
      const items = children[i]?.data?.items;
      if (items) byParent.set(id, items);
    });
    const build = (org: OrgSummary): DataNode => {
      const kids = byParent.get(org.id);
      return { key: org.id, title: nodeTitle(org), isLeaf: org.childCount === 0, children: kids?.map(build) };
    };
    const rootKids = byParent.get(root.id);
    return [{ key: root.id, title: root.name, isLeaf: false, children: rootKids?.map(build) } satisfies DataNode];
  }, [children, loadedIds, root]);

  return (
    <Tree
      treeData={treeData}
      selectedKeys={[selectedId]}
      expandedKeys={expanded}
      onExpand={(keys) => setExpanded(keys.map(String))}
      onSelect={(keys) => keys[0] && onSelect(String(keys[0]))}
      loadData={async (node) => {
        await fetchOrgChildren(queryClient, String(node.key), includeClosed);
      }}
      blockNode
      style={{ fontSize: 14 }}
    />
  );
}

