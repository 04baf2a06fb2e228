import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { progressStatusLabels } from '@jinguo/common/labels.zh-CN.ts';
import type { PlanDetail, TargetView, TaskView } from '@jinguo/common/plans.schema.ts';
import { App, Button, Card, Empty, Popconfirm, Space, Tag, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { errorText } from '../../lib/errors.ts';
import { progressStatusColors } from './plan-labels.ts';
import { useDeleteTarget, useDeleteTask, useUpdateTarget } from './plans.api.ts';
import { TargetProgressRow } from './TargetProgressRow.tsx';

export type TaskActions = {
  onAddTask: (parent: TaskView | null) => void;
  onEditTask: (task: TaskView) => void;
  onAddTarget: (task: TaskView) => void;
  onSplit: (target: TargetView) => void;
  onEditTarget: (target: TargetView) => void;
};
type Props = { detail: PlanDetail } & TaskActions;

/** targets of a task, each followed by the parts split from it (indented); parts of parts open on demand */
function TaskTargets({ detail, task, onSplit, onEditTarget }: { detail: PlanDetail; task: TaskView } & Pick<TaskActions, 'onSplit' | 'onEditTarget'>) {
  const update = useUpdateTarget();
  const remove = useDeleteTarget();
  const { message } = App.useApp();
  const [open, setOpen] = useState<Set<string>>(new Set());
  const ofTask = detail.targets.filter((t) => t.taskId === task.id);
  const ids = new Set(ofTask.map((t) => t.id));
  const partsOf = (id: string | null) => ofTask.filter((x) => (id === null ? !x.parentTargetId || !ids.has(x.parentTargetId) : x.parentTargetId === id));
  const rows: ReactNode[] = [];
  const onMilestone = (t: TargetView, done: boolean) =>
    update.mutate({ id: t.id, milestoneDoneOn: done ? detail.today : null }, { onError: (err) => message.error(errorText(err)) });
  const onDelete = (t: TargetView) => remove.mutate(t.id, { onError: (err) => message.error(errorText(err)) });
  const walk = (parent: string | null, level: number) => {
    for (const t of partsOf(parent)) {
      rows.push(<TargetProgressRow key={t.id} target={t} level={level} mayEditPlan={detail.plan.mayEdit} onSplit={onSplit} onMilestone={onMilestone} onEdit={onEditTarget} onDelete={onDelete} />);
      const parts = partsOf(t.id);
      if (parts.length === 0) continue;
      if (level === 0 || open.has(t.id)) walk(t.id, level + 1);
      else {
        rows.push(
          <Button key={`${t.id}-more`} type="link" size="small" style={{ paddingInlineStart: (level + 1) * 16 }} onClick={() => setOpen((s) => new Set(s).add(t.id))}>
            查看{t.orgName}分解到的 {parts.length} 个下级
          </Button>,
        );
      }
    }
  };
  walk(null, 0);
  return <div>{rows}</div>;
}

function TaskCard({ detail, task, depth, ...actions }: Props & { task: TaskView; depth: number }) {
  const remove = useDeleteTask();
  const { message } = App.useApp();
  const children = detail.tasks.filter((t) => t.parentId === task.id);
  const editable = detail.plan.mayEdit;
  const title = (
    <Space size={[8, 2]} wrap>
      <Typography.Text strong style={{ fontSize: task.kind === 'section' ? 16 : 14 }}>{task.title}</Typography.Text>
      {task.status ? <Tag color={progressStatusColors[task.status]}>{progressStatusLabels[task.status]}</Tag> : null}
    </Space>
  );
  const extra = editable ? (
    <Space size={0} wrap>
      {task.kind === 'section' ? <Button type="link" size="small" icon={<PlusOutlined aria-hidden />} onClick={() => actions.onAddTask(task)}>事项</Button> : null}
      <Button type="link" size="small" icon={<PlusOutlined aria-hidden />} onClick={() => actions.onAddTarget(task)}>目标</Button>
      <Button type="link" size="small" aria-label={`编辑${task.title}`} icon={<EditOutlined aria-hidden />} onClick={() => actions.onEditTask(task)} />
      <Popconfirm title="删除此任务及其下的任务和目标？" okText="删除" cancelText="取消" onConfirm={() => remove.mutate(task.id, { onError: (err) => message.error(errorText(err)) })}>
        <Button type="link" size="small" danger aria-label={`删除${task.title}`} icon={<DeleteOutlined aria-hidden />} />
      </Popconfirm>
    </Space>
  ) : null;
  return (
    <Card size="small" title={title} extra={extra} style={{ marginBottom: 12, marginInlineStart: depth ? 8 : 0 }} styles={{ header: { flexWrap: 'wrap', paddingBlock: 6 }, title: { whiteSpace: 'normal' } }}>
      <div className="jg-muted" style={{ fontSize: 13 }}>
        {[task.ownerPersonName ? `负责人 ${task.ownerPersonName}` : task.ownerOrgName, task.deadline ? `期限 ${task.deadline}` : null].filter(Boolean).join(' · ')}
      </div>
      {task.body ? <Typography.Paragraph style={{ margin: '4px 0', whiteSpace: 'pre-wrap' }}>{task.body}</Typography.Paragraph> : null}
      <TaskTargets detail={detail} task={task} onSplit={actions.onSplit} onEditTarget={actions.onEditTarget} />
      {children.map((c) => <TaskCard key={c.id} detail={detail} task={c} depth={depth + 1} {...actions} />)}
    </Card>
  );
}

/** the plan's task tree: sections holding items, each item with its targets and their progress */
export function TaskTree(props: Props) {
  const roots = props.detail.tasks.filter((t) => !t.parentId);
  if (roots.length === 0) return <Empty description="还没有任务" />;
  return <>{roots.map((t) => <TaskCard key={t.id} task={t} depth={0} {...props} />)}</>;
}
