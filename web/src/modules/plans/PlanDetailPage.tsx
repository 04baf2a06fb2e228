import { DownloadOutlined, PlusOutlined, SendOutlined } from '@ant-design/icons';
import { planStatusLabels, progressStatusLabels } from '@jinguo/common/labels.zh-CN.ts';
import { progressStatuses, type TargetView, type TaskView } from '@jinguo/common/plans.schema.ts';
import { App, Button, Card, Space, Statistic, Tag } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PageSkeleton } from '../../components/PageSkeleton.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { errorText } from '../../lib/errors.ts';
import { LaggingList } from './LaggingList.tsx';
import { planStatusColors } from './plan-labels.ts';
import { exportUrl, usePlan, useUpdatePlan } from './plans.api.ts';
import { SplitTargetModal } from './SplitTargetModal.tsx';
import { TargetEditModal } from './TargetEditModal.tsx';
import { TargetFormModal } from './TargetFormModal.tsx';
import { TaskFormModal } from './TaskFormModal.tsx';
import { TaskTree } from './TaskTree.tsx';

type TaskDialog = { parent: TaskView | null; task: TaskView | null } | null;

export function PlanDetailPage() {
  const { id = '' } = useParams();
  const plan = usePlan(id);
  const update = useUpdatePlan();
  const { message, modal } = App.useApp();
  const [taskDialog, setTaskDialog] = useState<TaskDialog>(null);
  const [targetTask, setTargetTask] = useState<TaskView | null>(null);
  const [splitting, setSplitting] = useState<TargetView | null>(null);
  const [editing, setEditing] = useState<TargetView | null>(null);
  if (plan.isPending) return <PageSkeleton />;
  if (plan.isError) return <QueryError error={plan.error} onRetry={() => plan.refetch()} />;
  const d = plan.data;
  const issue = () =>
    modal.confirm({
      title: '下达此计划？',
      content: '下达后，下级组织能看到分解给自己的目标，并可继续分解到其下级。',
      okText: '下达',
      cancelText: '取消',
      onOk: () => update.mutateAsync({ id, status: 'issued' }).then(() => message.success('已下达'), (err) => message.error(errorText(err))),
    });
  return (
    <>
      <PageHeader
        title={<Space wrap>{d.plan.title}<Tag color={planStatusColors[d.plan.status]}>{planStatusLabels[d.plan.status]}</Tag></Space>}
        extra={
          <Space wrap>
            {d.plan.mayEdit ? <Button icon={<PlusOutlined aria-hidden />} onClick={() => setTaskDialog({ parent: null, task: null })}>添加部分</Button> : null}
            {d.plan.mayEdit && d.plan.status === 'draft' ? <Button type="primary" icon={<SendOutlined aria-hidden />} onClick={issue}>下达</Button> : null}
            <Button icon={<DownloadOutlined aria-hidden />} href={exportUrl(id)}>导出 Excel</Button>
          </Space>
        }
      />
      <div className="jg-muted" style={{ marginBottom: 12 }}>{d.plan.orgName} · {d.plan.year}年 · 进度统计截至 {d.today}（按完成期限倒排：应完成 = 目标值 × 已过时间占比）</div>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(108px, 1fr))', gap: 12, marginBottom: 16 }}>
        {progressStatuses.map((s) => (
          <Card key={s} size="small"><Statistic title={progressStatusLabels[s]} value={d.counts[s] ?? 0} suffix="项" valueStyle={s === 'behind' || s === 'overdue' ? { color: '#cf1322' } : undefined} /></Card>
        ))}
      </div>
      <LaggingList items={d.lagging} />
      <TaskTree
        detail={d}
        onAddTask={(parent) => setTaskDialog({ parent, task: null })}
        onEditTask={(task) => setTaskDialog({ parent: null, task })}
        onAddTarget={setTargetTask}
        onSplit={setSplitting}
        onEditTarget={setEditing}
      />
      {taskDialog ? <TaskFormModal planId={id} planOrgId={d.plan.orgId} parent={taskDialog.parent} task={taskDialog.task} onClose={() => setTaskDialog(null)} /> : null}
      {targetTask ? <TargetFormModal plan={d.plan} task={targetTask} onClose={() => setTargetTask(null)} /> : null}
      {editing ? <TargetEditModal target={editing} onClose={() => setEditing(null)} /> : null}
      {splitting ? <SplitTargetModal target={splitting} onClose={() => setSplitting(null)} /> : null}
    </>
  );
}
