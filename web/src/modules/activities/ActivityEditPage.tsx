import type { ActivityKind, ActivityView } from '@jinguo/common/activities.schema.ts';
import { Alert, App, Button, Card, Form, Skeleton, Space } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { ApiError } from '../../lib/api-client.ts';
import { showFieldErrors } from '../../lib/errors.ts';
import { useActivity, useActivityKinds, useUpdateActivity } from './activities.api.ts';
import { ActivityCoreFields } from './ActivityCoreFields.tsx';
import { ActivityMoreFields } from './ActivityMoreFields.tsx';
import { fromActivity, toActivityBody, type ActivityFormValues } from './activity-form.ts';

function EditForm({ activity, kinds }: { activity: ActivityView; kinds: ActivityKind[] }) {
  const [form] = Form.useForm<ActivityFormValues>();
  const update = useUpdateActivity();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [problems, setProblems] = useState<string[]>([]);
  const [conflict, setConflict] = useState(false);
  const kindCode = Form.useWatch('kindCode', form);

  const submit = (values: ActivityFormValues) => {
    setProblems([]);
    const { orgId: _org, ...body } = toActivityBody(values);
    update.mutate(
      { id: activity.id, ...body, participantIds: values.participantIds ?? [], expectedUpdatedAt: activity.updatedAt },
      {
        onSuccess: () => {
          message.success('已保存');
          navigate(`/activities/${activity.id}`, { replace: true });
        },
        onError: (err) => {
          setConflict(err instanceof ApiError && err.code === 'CONFLICT');
          setProblems(showFieldErrors(form, err));
        },
      },
    );
  };

  return (
    <Form<ActivityFormValues> form={form} layout="vertical" size="large" initialValues={fromActivity(activity)} onFinish={submit} className="jg-big-touch" scrollToFirstError>
      <Form.Item label="组织">
        <span>{activity.orgName}</span>
      </Form.Item>
      <ActivityCoreFields kinds={kinds} kindCode={kindCode} />
      <ActivityMoreFields orgId={activity.orgId} />
      {problems.length ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          message={problems.join('；')}
          description={conflict ? '这条记录刚被别人修改过。您填写的内容仍在表单中，可先复制，再刷新页面查看最新内容。' : undefined}
          style={{ marginBottom: 16 }}
        />
      ) : null}
      <Space>
        <Button type="primary" htmlType="submit" loading={update.isPending}>保存</Button>
        <Button onClick={() => navigate(-1)}>取消</Button>
      </Space>
    </Form>
  );
}

export function ActivityEditPage() {
  const { id = '' } = useParams();
  const activity = useActivity(id);
  const kinds = useActivityKinds();
  if (activity.isError) return <QueryError error={activity.error} onRetry={() => activity.refetch()} />;
  if (kinds.isError) return <QueryError error={kinds.error} onRetry={() => kinds.refetch()} />;
  if (activity.isPending || kinds.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  return (
    <div style={{ maxWidth: 640 }}>
      <PageHeader title="编辑活动" />
      <Card>
        <EditForm activity={activity.data} kinds={kinds.data.items} />
      </Card>
    </div>
  );
}
