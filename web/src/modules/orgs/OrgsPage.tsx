import { Card, Col, Row, Switch } from 'antd';
import { useMemo, useState } from 'react';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PageSkeleton } from '../../components/PageSkeleton.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { SearchInput } from '../../components/SearchInput.tsx';
import { useUrlState } from '../../lib/search-params.ts';
import { useDebounced } from '../../lib/use-debounced.ts';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { OrgDetailPanel } from './OrgDetailPanel.tsx';
import { OrgSearchResults } from './OrgSearchResults.tsx';
import { OrgTree } from './OrgTree.tsx';
import { useOrg, useRootOrg } from './orgs.api.ts';

/** tree on the left and the selected org on the right; on phones a drill-down list inside the org's page */
export function OrgsPage() {
  const [params, setParams] = useUrlState();
  const isPhone = useIsPhone();
  const root = useRootOrg();
  const [q, setQ] = useState('');
  const term = useDebounced(q);
  const [includeClosed, setIncludeClosed] = useState(false);
  const selectedId = params.get('orgId') ?? root.data?.id ?? '';
  const selected = useOrg(selectedId || null);
  // kept while the selected org's data is unchanged: a new array would open again an ancestor the user has folded
  const ancestorIds = useMemo(() => selected.data?.breadcrumbs.slice(0, -1).map((b) => b.id) ?? [], [selected.data]);
  const select = (id: string) => {
    setQ('');
    setParams({ orgId: id });
    if (isPhone) window.scrollTo({ top: 0 });
  };

  if (root.isPending) return <PageSkeleton />;
  if (!root.data) return <QueryError error={root.error} onRetry={() => root.refetch()} />;

  const search = (
    <SearchInput placeholder="按名称搜索组织" value={q} onChange={(e) => setQ(e.target.value)} aria-label="按名称搜索组织" maxLength={50} style={{ marginBottom: 8 }} />
  );
  const closedSwitch = (
    <span style={{ display: 'inline-flex', gap: 6, alignItems: 'center' }}>
      <Switch size="small" checked={includeClosed} onChange={setIncludeClosed} aria-label="显示已撤销的组织" /> 显示已撤销
    </span>
  );
  const detail = <OrgDetailPanel orgId={selectedId} rootId={root.data.id} includeClosed={includeClosed} onSelect={select} />;

  if (isPhone) {
    return (
      <>
        {search}
        {term.trim() ? <Card size="small" style={{ marginBottom: 12 }}><OrgSearchResults q={term} onPick={(o) => select(o.id)} /></Card> : null}
        <div style={{ marginBottom: 8 }}>{closedSwitch}</div>
        {detail}
      </>
    );
  }
  return (
    <>
      <PageHeader title="组织" extra={closedSwitch} />
      <Row gutter={16}>
        <Col md={9} lg={8} xl={7}>
          <Card size="small" styles={{ body: { maxHeight: 'calc(100vh - 180px)', overflow: 'auto' } }}>
            {search}
            {term.trim() ? <OrgSearchResults q={term} onPick={(o) => select(o.id)} /> : null}
            {/* hidden, not unmounted, while searching: the opened nodes stay open */}
            <div hidden={!!term.trim()}>
              <OrgTree root={root.data} selectedId={selectedId} ancestorIds={ancestorIds} includeClosed={includeClosed} onSelect={select} />
            </div>
          </Card>
        </Col>
        <Col md={15} lg={16} xl={17}>{detail}</Col>
      </Row>
    </>
  );
}
