import { PlusOutlined } from '@ant-design/icons';
import { userRoleLabels } from '@jinguo/common/labels.zh-CN.ts';
import type { UserView } from '@jinguo/common/users.schema.ts';
import { App, Button, Card, Empty, Skeleton, Space, Table, Tag } from 'antd';
import { UrlPagination } from '../../components/UrlPagination.tsx';
import { useState } from 'react';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { errorText } from '../../lib/errors.ts';
import { formatMoment, isFuture } from '../../lib/format-time.ts';
import { pageOf, useUrlState } from '../../lib/search-params.ts';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { useCurrentUser } from '../auth/auth.api.ts';
import { OrgPickerField } from '../orgs/OrgPickerField.tsx';
import { ResetPasswordModal } from './ResetPasswordModal.tsx';
import { UserFormModal } from './UserFormModal.tsx';
import { useUpdateUser, useUsers } from './users.api.ts';

const PAGE_SIZE = 20;

function statusTag(u: UserView) {
  if (u.disabled) return <Tag>已停用</Tag>;
  if (isFuture(u.lockedUntil)) return <Tag color="orange">锁定至 {formatMoment(u.lockedUntil).slice(11)}</Tag>;
  return <Tag color="green">正常</Tag>;
}

export function UserListPage() {
  const me = useCurrentUser();
  const isPhone = useIsPhone();
  const [params, setParams] = useUrlState();
  const orgId = params.get('orgId');
  const page = pageOf(params);
  const list = useUsers({ orgId: orgId ?? undefined, page, pageSize: PAGE_SIZE });
  const update = useUpdateUser();
  const { message, modal } = App.useApp();
  const [editing, setEditing] = useState<UserView | 'new' | null>(null);
  const [resetting, setResetting] = useState<UserView | null>(null);
  const items = list.data?.items ?? [];

  const toggle = (u: UserView) =>
    modal.confirm({
      title: u.disabled ? `启用 ${u.displayName} 的账号？` : `停用 ${u.displayName} 的账号？`,
      content: u.disabled ? undefined : '停用后该账号立即不能登录，数据保留。',
      okText: u.disabled ? '启用' : '停用',
      okButtonProps: { danger: !u.disabled },
      cancelText: '取消',
      onOk: () =>
        update.mutateAsync({ id: u.id, disabled: !u.disabled }).then(
          () => message.success(u.disabled ? '已启用' : '已停用'),
          (e) => message.error(errorText(e)),
        ),
    });
  const actions = (u: UserView) => (
    <Space wrap size={0}>
      <Button type="link" size="small" onClick={() => setEditing(u)}>编辑</Button>
      <Button type="link" size="small" onClick={() => setResetting(u)}>重置密码</Button>
      {u.id === me.user.id ? null : (
        <Button type="link" size="small" danger={!u.disabled} onClick={() => toggle(u)}>{u.disabled ? '启用' : '停用'}</Button>
      )}
    </Space>
  );

  return (
    <>
      <PageHeader section title="用户" extra={<Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing('new')}>新建用户</Button>} />
      <div className="jg-toolbar">
        <div style={{ width: 240 }}>
          <OrgPickerField value={orgId} onChange={(id) => setParams({ orgId: id, page: null })} allowClear placeholder="全部组织（本级及下级）" />
        </div>
      </div>
      {list.isError ? <QueryError error={list.error} onRetry={() => list.refetch()} /> : null}
      {list.isPending ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : items.length === 0 && !list.isError ? (
        <Empty description="还没有用户" />
      ) : isPhone ? (
        <div className="jg-card-list">
          {items.map((u) => (
            <Card key={u.id} size="small">
              <strong>{u.displayName}</strong> <span className="jg-muted">{u.username}</span> {statusTag(u)}
              <div className="jg-muted" style={{ fontSize: 13 }}>{u.orgName} · {userRoleLabels[u.role]}</div>
              {actions(u)}
            </Card>
          ))}
        </div>
      ) : (
        <Table<UserView>
          rowKey="id"
          size="middle"
          loading={list.isFetching}
          dataSource={items}
          pagination={false}
          columns={[
            { title: '用户名', dataIndex: 'username' },
            { title: '姓名', dataIndex: 'displayName' },
            { title: '组织', dataIndex: 'orgName' },
            { title: '角色', key: 'role', render: (_, u) => userRoleLabels[u.role] },
            { title: '状态', key: 'status', render: (_, u) => statusTag(u) },
            { title: '最近登录', key: 'last', render: (_, u) => (u.lastLoginAt ? formatMoment(u.lastLoginAt) : '从未登录') },
            { title: '操作', key: 'actions', width: 220, render: (_, u) => actions(u) },
          ]}
        />
      )}
      <UrlPagination page={page} pageSize={PAGE_SIZE} total={list.data?.total} />
      <UserFormModal user={editing === 'new' ? null : editing} defaultOrgId={orgId ?? me.org.id} open={editing !== null} onClose={() => setEditing(null)} />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
    </>
  );
}
