import type { ImportJob } from '@jinguo/common/imports.schema.ts';
import { importPhaseLabels, importPhases } from '@jinguo/common/imports.schema.ts';
import { Progress, Spin, Steps, Typography } from 'antd';

/**
 * The phases of a running job (校验 / 写入) and how far the current one is. While the rows are checked the sheet's
 * length is not known yet (it streams): rows checked so far, without a bar; the write knows it.
 */
export function ImportProgress({ job }: { job: ImportJob }) {
  const current = job.phase ? importPhases.indexOf(job.phase) : 0;
  const label = job.phase ? importPhaseLabels[job.phase] : '准备';
  const known = job.total !== null && job.total > 0;
  return (
    <div role="status" aria-live="polite">
      <Steps size="small" current={current} items={importPhases.map((p) => ({ title: importPhaseLabels[p] }))} style={{ marginBottom: 16 }} />
      {known ? <Progress percent={Math.min(100, Math.floor((job.processed / job.total!) * 100))} status="active" /> : <Spin size="small" style={{ marginRight: 8 }} />}
      <Typography.Text type="secondary">
        {known ? `${label}中：${job.processed.toLocaleString()} / ${job.total!.toLocaleString()} 行` : `${label}中：已检查 ${job.processed.toLocaleString()} 行`}
      </Typography.Text>
    </div>
  );
}
