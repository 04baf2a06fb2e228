import { EditOutlined, LeftOutlined } from '@ant-design/icons';
import { genderLabels } from '@jinguo/common/labels.zh-CN.ts';
import { Button, Card, Descriptions, Skeleton } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { useCurrentUser } from '../auth/auth.api.ts';
import { usePerson } from './people.api.ts';
import { PersonFormModal } from './PersonFormModal.tsx';
import { PersonPositions } from './PersonPositions.tsx';
import { UnmaskButton } from './UnmaskButton.tsx';

export function PersonDetailPage() {
  const { id = '' } = useParams();
  const me = useCurrentUser();
  const isPhone = useIsPhone();
  const navigate = useNavigate();
  const person = usePerson(id);
  const [editing, setEditing] = useState(false);
  if (person.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (person.isError) return <QueryError error={person.error} onRetry={() => person.refetch()} />;
  const p = person.data;
  const canEdit = me.user.role !== 'executive';
  const dash = (v: string | null) => v ?? '—';

  return (
    <>
      <Button type="link" icon={<LeftOutlined aria-hidden />} onClick={() => navigate(-1)} style={{ paddingLeft: 0, marginBottom: 4 }}>返回</Button>
      <PageHeader title={p.name} extra={canEdit ? <Button icon={<EditOutlined aria-hidden />} onClick={() => setEditing(true)}>编辑</Button> : null} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions column={isPhone ? 1 : 2} size="small">
          <Descriptions.Item label="所在组织">{p.orgName}</Descriptions.Item>
          <Descriptions.Item label="性别">{p.gender ? genderLabels[p.gender] : '—'}</Descriptions.Item>
          <Descriptions.Item label="手机号">
            {dash(p.phone)} {p.phone ? <UnmaskButton personId={p.id} field="phone" /> : null}
          </Descriptions.Item>
          <Descriptions.Item label="身份证号">
            {dash(p.idNumber)} {p.idNumber ? <UnmaskButton personId={p.id} field="idNumber" /> : null}
          </Descriptions.Item>
          <Descriptions.Item label="民族">{dash(p.ethnicity)}</Descriptions.Item>
          <Descriptions.Item label="学历">{dash(p.education)}</Descriptions.Item>
          <Descriptions.Item label="政治面貌">{dash(p.politicalStatus)}</Descriptions.Item>
          <Descriptions.Item label="工作单位及职务">{dash(p.workplace)}</Descriptions.Item>
          <Descriptions.Item label="备注" span={isPhone ? 1 : 2}>{dash(p.notes)}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title="任职经历">
        <PersonPositions person={p} canEdit={canEdit} />
      </Card>
      <PersonFormModal person={p} open={editing} onClose={() => setEditing(false)} />
    </>
  );
}
