import type { ImportNode, ImportProposal, PlanImportDraft } from '@jinguo/common/plan-import.schema.ts';
import type { MetricView } from '@jinguo/common/metrics.schema.ts';
import { Card, Checkbox, Collapse, Input, InputNumber, Select, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { keptNodeKeys, NEW_METRIC, proposalProblem, type NodeEdit, type ProposalEdit, type Review } from './plan-import-state.ts';

type Props = {
  draft: PlanImportDraft;
  review: Review;
  metrics: MetricView[];
  onNode: (key: string, edit: Partial<NodeEdit>) => void;
  onProposal: (key: string, edit: Partial<ProposalEdit>) => void;
};

const METRIC_FIELD = { flex: '1 1 220px', minWidth: 0, maxWidth: '100%' };

/** the sentence with the figure marked */
function Sentence({ p }: { p: ImportProposal }) {
  const at = p.sentence.indexOf(p.quote);
  if (at < 0) return <>{p.sentence}</>;
  return (
    <>
      {p.sentence.slice(0, at)}
      <mark style={{ background: '#fff0f6', color: '#c41d7f', padding: '0 2px' }}>{p.quote}</mark>
      {p.sentence.slice(at + p.quote.length)}
    </>
  );
}

function ProposalRow({ p, edit, metrics, problem, mayCreateMetrics, onChange }: { p: ImportProposal; edit: ProposalEdit; metrics: MetricView[]; problem: string | null; mayCreateMetrics: boolean; onChange: (e: Partial<ProposalEdit>) => void }) {
  const options = [
    { value: NEW_METRIC, label: mayCreateMetrics ? `新建指标（${p.newMetric.unit}）` : '新建指标（须管理员）', disabled: !mayCreateMetrics },
    ...metrics.filter((m) => m.active).map((m) => ({ value: m.code, label: `${m.name}（${m.unit}）` })),
  ];
  const unit = edit.metricCode === NEW_METRIC ? p.newMetric.unit : (metrics.find((m) => m.code === edit.metricCode)?.unit ?? p.unit);
  return (
    <div style={{ borderTop: '1px dashed #f0f0f0', marginTop: 8, paddingTop: 8, opacity: edit.adopt ? 1 : 0.6 }} data-testid="import-proposal">
      <Checkbox checked={edit.adopt} onChange={(e) => onChange({ adopt: e.target.checked })} aria-label={`采用目标 ${p.quote}`}>
        采用
      </Checkbox>
      <div style={{ margin: '4px 0 6px', fontSize: 14, overflowWrap: 'anywhere' }}><Sentence p={p} /></div>
      {edit.adopt ? (
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
          <InputNumber aria-label="目标值" min={0} max={100_000_000} value={edit.value} inputMode="decimal" addonAfter={unit} onChange={(v) => onChange({ value: v })} style={{ width: 150 }} />
          {p.deadline ? <Tag style={{ alignSelf: 'center' }}>期限 {Number(p.deadline.slice(0, 2))}月{Number(p.deadline.slice(3))}日</Tag> : null}
          <Select aria-label="指标" showSearch optionFilterProp="label" value={edit.metricCode} options={options} onChange={(v) => onChange({ metricCode: v })} style={METRIC_FIELD} />
          {edit.metricCode === NEW_METRIC && mayCreateMetrics ? (
            <Input aria-label="新指标名称" value={edit.newName} maxLength={50} onChange={(e) => onChange({ newName: e.target.value })} placeholder="新指标名称" style={METRIC_FIELD} />
          ) : null}
        </div>
      ) : null}
      {edit.adopt && problem ? <Typography.Text type="warning" style={{ fontSize: 13 }}>{problem}</Typography.Text> : null}
    </div>
  );
}

function NodeCard({ node, depth, kept, children, edit, onNode }: { node: ImportNode; depth: number; kept: boolean; children: ReactNode; edit: NodeEdit; onNode: Props['onNode'] }) {
  return (
    <Card size="small" style={{ marginBottom: 8, marginInlineStart: Math.min(depth, 3) * 12, opacity: kept ? 1 : 0.6 }} data-testid="import-node">
      <div style={{ display: 'flex', alignItems: 'flex-start', gap: 8 }}>
        <Checkbox checked={edit.keep} onChange={(e) => onNode(node.key, { keep: e.target.checked })} aria-label={`保留 ${node.numbering}${node.title}`} style={{ marginTop: 5 }} />
        <span style={{ whiteSpace: 'nowrap', fontWeight: 600, lineHeight: '32px' }}>{node.numbering}</span>
        <Input.TextArea
          aria-label="任务名称"
          value={edit.title}
          maxLength={190}
          autoSize={{ minRows: 1, maxRows: 4 }}
          disabled={!kept}
          status={kept && !edit.title.trim() ? 'error' : undefined}
          onChange={(e) => onNode(node.key, { title: e.target.value.replace(/\n/g, '') })}
        />
      </div>
      {node.body && kept ? (
        <Typography.Paragraph className="jg-muted" style={{ fontSize: 13, margin: '6px 0 0', whiteSpace: 'pre-wrap' }} ellipsis={{ rows: 2, expandable: true, symbol: '展开' }}>
          {node.body}
        </Typography.Paragraph>
      ) : null}
      {children}
    </Card>
  );
}

/** step 2: the section tree with the proposed targets under the section they were found in */
export function PlanImportReview({ draft, review, metrics, onNode, onProposal }: Props) {
  const kept = keptNodeKeys(draft.nodes, review);
  const depth = new Map<string, number>();
  for (const n of draft.nodes) depth.set(n.key, n.parentKey ? (depth.get(n.parentKey) ?? 0) + 1 : 0);
  return (
    <div>
      {draft.nodes.map((n) => (
        <NodeCard key={n.key} node={n} depth={depth.get(n.key) ?? 0} kept={kept.has(n.key)} edit={review.nodes[n.key]} onNode={onNode}>
          {kept.has(n.key)
            ? draft.proposals
                .filter((p) => p.nodeKey === n.key)
                .map((p) => (
                  <ProposalRow
                    key={p.key}
                    p={p}
                    edit={review.proposals[p.key]}
                    metrics={metrics}
                    mayCreateMetrics={draft.mayCreateMetrics}
                    problem={proposalProblem(p, review.proposals[p.key], kept, draft.mayCreateMetrics)}
                    onChange={(e) => onProposal(p.key, e)}
                  />
                ))
            : null}
        </NodeCard>
      ))}
      {draft.skipped.length > 0 ? (
        <Collapse
          size="small"
          style={{ marginTop: 12 }}
          items={[
            {
              key: 'skipped',
              label: `未作为目标的数字（${draft.skipped.length}）`,
              children: draft.skipped.map((s, i) => (
                <div key={i} style={{ marginBottom: 8 }}>
                  <Tag>{s.reason}</Tag>
                  <Typography.Text strong>{s.quote}</Typography.Text>
                  <div className="jg-muted" style={{ fontSize: 13 }}>{s.sentence}</div>
                </div>
              )),
            },
          ]}
        />
      ) : null}
    </div>
  );
}
