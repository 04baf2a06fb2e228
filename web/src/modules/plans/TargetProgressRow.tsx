import { CheckOutlined, DeleteOutlined, EditOutlined, PartitionOutlined } from '@ant-design/icons';
import { progressStatusLabels } from '@jinguo/common/labels.zh-CN.ts';
import type { TargetView } from '@jinguo/common/plans.schema.ts';
import { formatWithUnit } from '@jinguo/common/units.ts';
import { periodLabel } from '@jinguo/common/periods.ts';
import { Button, Popconfirm, Progress, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { progressBarStatus, progressStatusColors } from './plan-labels.ts';

type Props = {
  target: TargetView;
  level: number;
  /** the actor may change the plan: mark milestones, delete top targets */
  mayEditPlan: boolean;
  onSplit: (t: TargetView) => void;
  onMilestone: (t: TargetView, done: boolean) => void;
  onEdit: (t: TargetView) => void;
  onDelete: (t: TargetView) => void;
};

const fmt = (n: number | null | undefined, unit: string | null) => (n === null || n === undefined ? '—' : formatWithUnit(n, unit ?? ''));

function recordsLink(t: TargetView): string | null {
  if (!t.metricCode || t.metricSource !== 'derived') return null;
  return `/activities?${new URLSearchParams({ metricCode: t.metricCode, period: t.period, orgId: t.orgId })}`;
}

/** one target: who, what, how far (a bar against the target, the expected figure by today) and its status */
export function TargetProgressRow({ target: t, level, mayEditPlan, onSplit, onMilestone, onEdit, onDelete }: Props) {
  const p = t.progress;
  const percent = t.value && p?.actual !== null && p?.actual !== undefined ? Math.min(100, Math.round((p.actual / t.value) * 100)) : p?.status === 'done' ? 100 : 0;
  const link = recordsLink(t);
  const remainder = t.splitTotal !== null && t.value !== null ? Math.round((t.value - t.splitTotal) * 100) / 100 : null;
  return (
    <div style={{ padding: '8px 0', paddingInlineStart: level * 16, borderTop: '1px dashed #f0f0f0' }} data-testid="target-row">
      <Space size={[8, 2]} wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        <Space size={[8, 2]} wrap>
          <Typography.Text strong>{t.orgName}</Typography.Text>
          <span>{t.metricName ?? '里程碑'}{t.value !== null ? ` ${fmt(t.value, t.unit)}` : ''}</span>
          <span className="jg-muted">{periodLabel(t.period)} · 期限 {t.deadline}</span>
          {p ? <Tag color={progressStatusColors[p.status]}>{progressStatusLabels[p.status]}</Tag> : <Tag>上级目标</Tag>}
        </Space>
        <Space size={4} wrap>
          {t.maySplit ? (
            <Button size="small" icon={<PartitionOutlined aria-hidden />} onClick={() => onSplit(t)}>
              {t.splitTotal === null ? '分解' : '调整分解'}
            </Button>
          ) : null}
          {t.value === null && mayEditPlan ? (
            <Button size="small" icon={<CheckOutlined aria-hidden />} onClick={() => onMilestone(t, !t.milestoneDoneOn)}>
              {t.milestoneDoneOn ? '改为未完成' : '标记完成'}
            </Button>
          ) : null}
          {mayEditPlan && !t.parentTargetId ? (
            <Button size="small" type="text" aria-label={`编辑${t.orgName}的目标`} icon={<EditOutlined aria-hidden />} onClick={() => onEdit(t)} />
          ) : null}
          {mayEditPlan && !t.parentTargetId ? (
            <Popconfirm title="删除此目标及其分解？" okText="删除" cancelText="取消" onConfirm={() => onDelete(t)}>
              <Button size="small" type="text" danger aria-label={`删除${t.orgName}的目标`} icon={<DeleteOutlined aria-hidden />} />
            </Popconfirm>
          ) : null}
        </Space>
      </Space>
      {p && t.value !== null ? (
        <>
          <Progress percent={percent} status={progressBarStatus[p.status]} strokeColor={p.status === 'behind' ? '#faad14' : undefined} size="small" />
          <div className="jg-muted" style={{ fontSize: 13 }}>
            已完成 {link ? <Link to={link}>{fmt(p.actual, t.unit)}</Link> : fmt(p.actual, t.unit)}
            ，按时序应完成 {fmt(p.expected, t.unit)}（已过时间 {Math.round(p.elapsed * 100)}%）
            {p.units !== null ? `，${p.units} 个单位已上报` : ''}
            {remainder ? <Typography.Text type="danger">，还有 {fmt(remainder, t.unit)} 未分解</Typography.Text> : null}
          </div>
        </>
      ) : t.milestoneDoneOn ? (
        <div className="jg-muted" style={{ fontSize: 13 }}>{t.milestoneDoneOn} 完成</div>
      ) : null}
    </div>
  );
}
