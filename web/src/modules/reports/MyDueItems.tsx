import { periodLabel } from '@jinguo/common/periods.ts';
import type { DueItem } from '@jinguo/common/reports.schema.ts';
import { Alert, App, Button, Card, List, Space, Tag } from 'antd';
import { useNavigate } from 'react-router';
import { errorText } from '../../lib/errors.ts';
import { statusLabels } from './report-labels.ts';
import { ReportsToReview } from './ReportsToReview.tsx';
import { useDueItems, useOpenReport, useReadReminder, useReminders } from './reports.api.ts';

/** the home page's first cards: what this unit must fill in, then what it must review */
export function MyDueItems() {
  return (
    <>
      <DueReports />
      <ReportsToReview />
    </>
  );
}

/** the reports this unit must fill in (overdue first) and unread reminders */
function DueReports() {
  const due = useDueItems();
  const reminders = useReminders();
  const open = useOpenReport();
  const read = useReadReminder();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const items = due.data?.items ?? [];
  const unread = (reminders.data?.items ?? []).filter((r) => !r.readAt);
  if (!items.length && !unread.length) return null;

  const go = (d: DueItem) => {
    if (d.reportId) return navigate(`/reports/${d.reportId}`);
    open.mutate({ formId: d.formId, orgId: d.orgId, period: d.period }, { onSuccess: (r) => navigate(`/reports/${r.id}`), onError: (e) => message.error(errorText(e)) });
  };

  return (
    <Card size="small" title="待办报表" style={{ marginBottom: 16 }} data-testid="my-due-items">
      {unread.map((r) => (
        <Alert
          key={r.id}
          type="warning"
          showIcon
          style={{ marginBottom: 8 }}
          message={r.sentByOrgName ? `${r.sentByOrgName}催报` : '催报提醒'}
          description={
            <>
              <div>{r.message}</div>
              <Button size="small" style={{ marginTop: 8 }} onClick={() => read.mutate(r.id)}>知道了</Button>
            </>
          }
        />
      ))}
      <List
        size="small"
        dataSource={items}
        renderItem={(d) => (
          <List.Item
            actions={[
              <Button key="go" type={d.overdue ? 'primary' : 'default'} size="small" loading={open.isPending && open.variables?.formId === d.formId} onClick={() => go(d)}>
                {d.status === 'returned' ? '修改' : '填报'}
              </Button>,
            ]}
          >
            <List.Item.Meta
              title={`${d.formName} · ${periodLabel(d.period)}`}
              description={
                <Space wrap size={4}>
                  {d.overdue ? <Tag color="red">已逾期</Tag> : null}
                  <Tag color={statusLabels[d.status ?? 'none'].color}>{statusLabels[d.status ?? 'none'].text}</Tag>
                  <span>截止 {d.dueOn}</span>
                  {d.returnReason ? <span className="jg-muted">退回理由：{d.returnReason}</span> : null}
                </Space>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
