import { ArrowLeftOutlined, ReloadOutlined } from '@ant-design/icons';
import type { PlanImportDraft } from '@jinguo/common/plan-import.schema.ts';
import { Alert, Button, Empty, Space, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useSessionState } from '../../lib/use-session-state.ts';
import { useCurrentUser } from '../auth/auth.api.ts';
import { useMetrics } from '../metrics/metrics.api.ts';
import { adoptedProposals, IMPORT_STATE_KEY, initialReview, keptNodeKeys, type NodeEdit, type ProposalEdit, type Review } from './plan-import-state.ts';
import { PlanImportReview } from './plan-import-review.tsx';
import { PlanImportSave } from './plan-import-save.tsx';
import { PlanImportSource } from './plan-import-source.tsx';

/** the reason saving is not possible yet, or null */
function blockedReason(draft: PlanImportDraft, review: Review): string | null {
  const kept = keptNodeKeys(draft.nodes, review);
  if (kept.size === 0) return '至少保留一项任务';
  if ([...kept].some((k) => !review.nodes[k].title.trim())) return '有任务名称为空，请填写';
  return null;
}

/** 从文档导入: read a plan document, review its task tree and proposed targets, save them as a plan */
export function PlanImportPage() {
  const me = useCurrentUser();
  const navigate = useNavigate();
  const metrics = useMetrics();
  // a reload (or a weak connection's retry) keeps the document read and the review done so far
  const [read, setRead] = useSessionState<{ draft: PlanImportDraft; source: string } | null>(`${IMPORT_STATE_KEY}.read`, null);
  const [review, setReview] = useSessionState<Review | null>(`${IMPORT_STATE_KEY}.review`, null);

  if (me.user.role === 'executive') return <Empty description="执委可查看计划；从文档导入计划请联系本级管理员或工作人员" />;

  const onRead = (draft: PlanImportDraft, source: string) => {
    setRead({ draft, source });
    setReview(initialReview(draft));
  };
  const onNode = (key: string, edit: Partial<NodeEdit>) => setReview((r) => r && { ...r, nodes: { ...r.nodes, [key]: { ...r.nodes[key], ...edit } } });
  const onProposal = (key: string, edit: Partial<ProposalEdit>) =>
    setReview((r) => r && { ...r, proposals: { ...r.proposals, [key]: { ...r.proposals[key], ...edit } } });

  const header = (
    <PageHeader
      title="从文档导入计划"
      extra={
        <Space wrap>
          {read ? <Button icon={<ReloadOutlined aria-hidden />} onClick={() => { setRead(null); setReview(null); }}>换一个文档</Button> : null}
          <Button icon={<ArrowLeftOutlined aria-hidden />} onClick={() => navigate('/plans')}>返回计划列表</Button>
        </Space>
      }
    />
  );
  if (!read || !review) {
    return (
      <>
        {header}
        <PlanImportSource onRead={onRead} />
      </>
    );
  }
  const { draft } = read;
  const counts = { tasks: keptNodeKeys(draft.nodes, review).size, targets: adoptedProposals(draft, review).length };
  return (
    <>
      {header}
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        message={`已读取“${read.source}”：${draft.nodes.length} 项任务，${draft.proposals.length} 个拟定目标`}
        description="第二步：核对任务树（可改名称、取消勾选以删去），逐个确认目标（可改数值和指标，或取消“采用”）。"
      />
      {draft.nodes.length === 0 ? (
        <Typography.Paragraph type="warning">没有找到“一、（一）1.（1）”等编号，无法分出任务；请检查文档，或粘贴正文后手工补上编号。</Typography.Paragraph>
      ) : (
        <PlanImportReview draft={draft} review={review} metrics={metrics.data?.items ?? []} onNode={onNode} onProposal={onProposal} />
      )}
      {draft.nodes.length > 0 ? <PlanImportSave draft={draft} review={review} counts={counts} blocked={blockedReason(draft, review)} /> : null}
    </>
  );
}
