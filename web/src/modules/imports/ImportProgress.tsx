import type { ImportJob } from '@jinguo/common/imports.schema.ts';
import { importPhaseLabels, importPhases } from '@jinguo/common/imports.schema.ts';
import { Progress, Steps, Typography } from 'antd';

/** the three phases of a running job (读取 / 校验 / 写入) and how far the current one is */
export function ImportProgress({ job }: { job: ImportJob }) {
  const current = job.phase ? importPhases.indexOf(job.phase) : 0;
  const percent = job.total ? Math.min(100, Math.round((job.processed / job.total) * 100)) : undefined;
  return (
    <div role="status" aria-live="polite">
      <Steps size="small" current={current} items={importPhases.map((p) => ({ title: importPhaseLabels[p] }))} style={{ marginBottom: 16 }} />
      {percent === undefined ? (
        <Progress percent={99} status="active" showInfo={false} />
      ) : (
        <Progress percent={percent} status="active" />
      )}
      <Typography.Text type="secondary">
        {job.phase ? importPhaseLabels[job.phase] : '准备'}中：{job.processed.toLocaleString()}
        {job.total !== null ? ` / ${job.total.toLocaleString()}` : ''} 行
      </Typography.Text>
    </div>
  );
}
