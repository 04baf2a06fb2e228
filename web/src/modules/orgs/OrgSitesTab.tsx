import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { siteKindLabels } from '@jinguo/common/labels.zh-CN.ts';
import { Button, Empty, List, Skeleton, Tag } from 'antd';
import { useState } from 'react';
import { QueryError } from '../../components/QueryError.tsx';
import { useOrgSites, type Site } from './orgs.api.ts';
import { SiteFormModal } from './SiteFormModal.tsx';

export function OrgSitesTab({ orgId, canEdit }: { orgId: string; canEdit: boolean }) {
  const sites = useOrgSites(orgId);
  const [editing, setEditing] = useState<Site | 'new' | null>(null);
  return (
    <>
      {canEdit ? (
        <Button icon={<PlusOutlined aria-hidden />} onClick={() => setEditing('new')} style={{ marginBottom: 12 }}>
          新建阵地
        </Button>
      ) : null}
      {sites.isError ? <QueryError error={sites.error} onRetry={() => sites.refetch()} /> : null}
      {sites.isPending ? (
        <Skeleton active />
      ) : !sites.data?.items.length ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="还没有妇女之家或妇女微家" />
      ) : (
        <List
          dataSource={sites.data.items}
          renderItem={(s) => (
            <List.Item
              actions={canEdit ? [<Button key="edit" type="link" icon={<EditOutlined aria-hidden />} onClick={() => setEditing(s)}>编辑</Button>] : undefined}
            >
              <List.Item.Meta
                title={
                  <>
                    {s.name} <Tag color="magenta">{siteKindLabels[s.kind]}</Tag>
                    {s.status === 'closed' ? <Tag>已关闭</Tag> : null}
                  </>
                }
                description={s.address ?? '未填写地址'}
              />
            </List.Item>
          )}
        />
      )}
      <SiteFormModal orgId={orgId} site={editing === 'new' ? null : editing} open={editing !== null} onClose={() => setEditing(null)} />
    </>
  );
}
