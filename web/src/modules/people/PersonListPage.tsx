import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { withQuery } from '../../lib/api-client.ts';
import type { PersonView } from '@jinguo/common/people.schema.ts';
import { genderLabels } from '@jinguo/common/labels.zh-CN.ts';
import { Button, Card, Empty, Skeleton, Space, Table } from 'antd';
import { UrlPagination } from '../../components/UrlPagination.tsx';
import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { SearchInput } from '../../components/SearchInput.tsx';
import { pageOf, useUrlState } from '../../lib/search-params.ts';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { useCurrentUser } from '../auth/auth.api.ts';
import { OrgPickerField } from '../orgs/OrgPickerField.tsx';
import { usePersons } from './people.api.ts';
import { PersonFormModal } from './PersonFormModal.tsx';

const PAGE_SIZE = 20;

export function PersonListPage() {
  const me = useCurrentUser();
  const isPhone = useIsPhone();
  const navigate = useNavigate();
  const [params, setParams] = useUrlState();
  const orgId = params.get('orgId');
  const q = params.get('q') ?? '';
  const page = pageOf(params);
  const [typed, setTyped] = useState(q);
  useEffect(() => setTyped(q), [q]);
  const [creating, setCreating] = useState(false);
  const list = usePersons({ orgId: orgId ?? undefined, q: q || undefined, page, pageSize: PAGE_SIZE });
  const items = list.data?.items ?? [];
  const open = (p: PersonView) => navigate(`/people/${p.id}`);

  return (
    <>
      <PageHeader
        section
        title="人员"
        extra={
          <Space wrap>
            <Button icon={<DownloadOutlined aria-hidden />} href={withQuery('/api/persons/export', { orgId, q })}>导出名册</Button>
            {me.user.role !== 'executive' ? <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>新增人员</Button> : null}
          </Space>
        }
      />
      <div className="jg-toolbar">
        <div style={{ width: 240 }}>
          <OrgPickerField value={orgId} onChange={(id) => setParams({ orgId: id, page: null })} allowClear placeholder="全部组织（本级及下级）" />
        </div>
        <SearchInput
          placeholder="搜索姓名"
          aria-label="搜索姓名"
          value={typed}
          maxLength={50}
          onChange={(e) => setTyped(e.target.value)}
          onSearch={(v) => setParams({ q: v.trim(), page: null })}
          style={{ width: 220 }}
        />
      </div>
      <p className="jg-muted" style={{ fontSize: 12, margin: '0 0 8px' }}>手机号、身份证号已隐藏部分数字；在人员详情中可查看完整号码（会被记录）。</p>
      {list.isError ? <QueryError error={list.error} onRetry={() => list.refetch()} /> : null}
      {list.isPending ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : items.length === 0 && !list.isError ? (
        <Empty description={q ? `没有找到“${q}”` : '还没有人员'} />
      ) : isPhone ? (
        <div className="jg-card-list" role="list">
          {items.map((p) => (
            <Card key={p.id} size="small" className="jg-list-card" role="listitem" tabIndex={0} onClick={() => open(p)} onKeyDown={(e) => e.key === 'Enter' && open(p)}>
              <strong style={{ fontSize: 16 }}>{p.name}</strong>
              <span className="jg-muted"> {p.gender ? genderLabels[p.gender] : ''}</span>
              <div className="jg-muted" style={{ fontSize: 13 }}>{p.orgName}</div>
              <div className="jg-muted" style={{ fontSize: 13 }}>{p.phone ?? '未填手机号'}</div>
            </Card>
          ))}
        </div>
      ) : (
        <Table<PersonView>
          rowKey="id"
          size="middle"
          loading={list.isFetching}
          dataSource={items}
          pagination={false}
          columns={[
            { title: '姓名', key: 'name', render: (_, p) => <Link to={`/people/${p.id}`}>{p.name}</Link> },
            { title: '性别', key: 'gender', width: 70, render: (_, p) => (p.gender ? genderLabels[p.gender] : '—') },
            { title: '所在组织', dataIndex: 'orgName' },
            { title: '手机号', dataIndex: 'phone', render: (v: string | null) => v ?? '—' },
            { title: '身份证号', dataIndex: 'idNumber', render: (v: string | null) => v ?? '—' },
            { title: '工作单位及职务', dataIndex: 'workplace', render: (v: string | null) => v ?? '—' },
          ]}
        />
      )}
      <UrlPagination page={page} pageSize={PAGE_SIZE} total={list.data?.total} unit="人" />
      <PersonFormModal person={null} defaultOrgId={orgId ?? me.org.id} open={creating} onClose={() => setCreating(false)} onSaved={(p) => navigate(`/people/${p.id}`)} />
    </>
  );
}
