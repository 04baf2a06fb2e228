import { auditActionLabels, auditEntityLabels } from '@jinguo/common/labels.zh-CN.ts';
import { Card, Collapse, Empty, Skeleton, Table, Tag } from 'antd';
import { UrlPagination } from '../../components/UrlPagination.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { formatMoment } from '../../lib/format-time.ts';
import { pageOf, useUrlState } from '../../lib/search-params.ts';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { useAudit, type AuditEntry } from './audit.api.ts';
import { hasDetails } from './audit-diff.ts';
import { AuditDiff } from './AuditDiff.tsx';
import { AuditFilters, type AuditFilterValues } from './AuditFilters.tsx';

const PAGE_SIZE = 30;
const actionText = (a: string) => auditActionLabels[a] ?? a;
const entityText = (e: string) => auditEntityLabels[e] ?? e;

export function AuditPage() {
  const isPhone = useIsPhone();
  const [params, setParams] = useUrlState();
  const filters: AuditFilterValues = {
    orgId: params.get('orgId'),
    from: params.get('from'),
    to: params.get('to'),
    entity: params.get('entity'),
    action: params.get('action'),
  };
  const page = pageOf(params);
  const audit = useAudit({
    orgId: filters.orgId ?? undefined,
    from: filters.from ?? undefined,
    to: filters.to ?? undefined,
    entity: filters.entity ?? undefined,
    action: filters.action ?? undefined,
    page,
    pageSize: PAGE_SIZE,
  });
  const items = audit.data?.items ?? [];
  const who = (e: AuditEntry) => `${e.username ?? '系统'}${e.orgName ? ` · ${e.orgName}` : ''}`;

  return (
    <>
      <PageHeader section title="审计日志" />
      <AuditFilters values={filters} onChange={(patch) => setParams({ ...patch, page: null })} />
      {audit.isError ? <QueryError error={audit.error} onRetry={() => audit.refetch()} /> : null}
      {audit.isPending ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : items.length === 0 && !audit.isError ? (
        <Empty description="没有符合条件的记录" />
      ) : isPhone ? (
        <div className="jg-card-list">
          {items.map((e) => (
            <Card key={e.id} size="small">
              <div><Tag color="magenta">{actionText(e.action)}</Tag>{entityText(e.entity)}</div>
              <div className="jg-muted" style={{ fontSize: 13 }}>{formatMoment(e.at)} · {who(e)}</div>
              {hasDetails(e) ? <Collapse ghost size="small" items={[{ key: 'd', label: '查看变更', children: <AuditDiff entry={e} /> }]} /> : null}
            </Card>
          ))}
        </div>
      ) : (
        <Table<AuditEntry>
          rowKey="id"
          size="small"
          loading={audit.isFetching}
          dataSource={items}
          pagination={false}
          expandable={{ expandedRowRender: (e) => <AuditDiff entry={e} />, rowExpandable: hasDetails }}
          columns={[
            { title: '时间', key: 'at', width: 150, render: (_, e) => formatMoment(e.at) },
            { title: '用户', key: 'user', render: (_, e) => e.username ?? '系统' },
            { title: '组织', key: 'org', render: (_, e) => e.orgName ?? '—' },
            { title: '操作', key: 'action', width: 120, render: (_, e) => <Tag color="magenta">{actionText(e.action)}</Tag> },
            { title: '对象', key: 'entity', width: 100, render: (_, e) => entityText(e.entity) },
            { title: '原因', key: 'reason', render: (_, e) => e.reason ?? '—' },
          ]}
        />
      )}
      <UrlPagination page={page} pageSize={PAGE_SIZE} total={audit.data?.total} />
    </>
  );
}
