import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import type { ImportJob, ImportKind } from '@jinguo/common/imports.schema.ts';
import { importKindLabels } from '@jinguo/common/imports.schema.ts';
import { Alert, Button, Card, Progress, Result, Segmented, Skeleton, Typography, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { errorText } from '../../lib/errors.ts';
import { useUrlState } from '../../lib/search-params.ts';
import { useCurrentUser } from '../auth/auth.api.ts';
import { ImportErrors } from './ImportErrors.tsx';
import { ImportMapping } from './ImportMapping.tsx';
import { ImportProgress } from './ImportProgress.tsx';
import { RecentImports } from './RecentImports.tsx';
import { templateUrl, useImportJob, useStartImport, useUploadImport, type ImportMapping as Mapping } from './imports.api.ts';

const KIND_HELP: Record<ImportKind, string> = {
  activities: '每行一次活动：组织、活动类型、活动名称、日期、参加人数等。',
  people: '每行一个人：所属组织、姓名及基本信息；手机号、身份证号导入后加密保存、掩码显示。',
  orgs: '新领域妇联、妇女小组、网上妇联组织、团体会员；每行写明上级组织。',
};

function UploadStep({ kind, onUploaded }: { kind: ImportKind; onUploaded: (job: ImportJob) => void }) {
  const upload = useUploadImport();
  const [percent, setPercent] = useState<number | null>(null);
  const send = (file: File) => {
    setPercent(0);
    upload.mutate({ kind, file, onProgress: setPercent }, { onSuccess: onUploaded, onSettled: () => setPercent(null) });
    return false;
  };
  return (
    <>
      <Upload.Dragger accept=".xlsx" showUploadList={false} beforeUpload={send} disabled={upload.isPending} aria-label="上传 Excel 表格">
        <p className="ant-upload-drag-icon">
          <InboxOutlined aria-hidden />
        </p>
        <p className="ant-upload-text">点击或拖入 Excel 表格（.xlsx）</p>
        <p className="ant-upload-hint">不超过 10 MB；可以是模板，也可以是表头不同的台账，上传后核对列的对应关系</p>
      </Upload.Dragger>
      {percent !== null ? <Progress percent={percent} size="small" style={{ marginTop: 8 }} /> : null}
      {upload.isError ? <Alert type="error" showIcon message={errorText(upload.error)} style={{ marginTop: 12 }} /> : null}
    </>
  );
}

function JobStep({ job, onRestart }: { job: ImportJob; onRestart: () => void }) {
  const start = useStartImport();
  const [mapping, setMapping] = useState<Mapping>(job.mapping);
  useEffect(() => setMapping(job.mapping), [job.id, job.mapping]);
  if (job.status === 'uploaded') {
    return (
      <Card title="2. 核对列的对应关系" size="small">
        <ImportMapping job={job} mapping={mapping} onChange={setMapping} starting={start.isPending} onCancel={onRestart} onStart={() => start.mutate({ id: job.id, mapping })} />
        {start.isError ? <Alert type="error" showIcon message={errorText(start.error)} style={{ marginTop: 12 }} /> : null}
      </Card>
    );
  }
  const again = <Button onClick={onRestart}>导入另一个文件</Button>;
  return (
    <Card title={`3. 导入：${job.fileName}`} size="small">
      {job.status === 'running' ? <ImportProgress job={job} /> : null}
      {job.status === 'succeeded' ? (
        <Result status="success" title={`已导入 ${job.imported.toLocaleString()} 条${importKindLabels[job.kind]}记录`} subTitle="全部行校验通过，已一次写入。" extra={again} />
      ) : null}
      {job.status === 'failed' ? (
        <>
          <ImportErrors job={job} />
          <div style={{ marginTop: 12 }}>{again}</div>
        </>
      ) : null}
      {job.status === 'interrupted' ? (
        <Result status="warning" title="导入被中断，没有导入任何数据" subTitle="导入过程中服务器重新启动了。请重新上传表格再试一次。" extra={again} />
      ) : null}
    </Card>
  );
}

export function ImportPage() {
  const me = useCurrentUser();
  const [params, setParams] = useUrlState();
  const kinds: ImportKind[] = me.user.role === 'admin' ? ['activities', 'people', 'orgs'] : ['activities', 'people'];
  const kind = (kinds.find((k) => k === params.get('kind')) ?? 'activities') as ImportKind;
  const jobId = params.get('job');
  const job = useImportJob(jobId);
  const restart = () => setParams({ job: null });

  return (
    <>
      <PageHeader section title="数据导入" />
      <Card title="1. 选择要导入的数据" size="small" style={{ marginBottom: 12 }}>
        <Segmented<ImportKind>
          block
          value={kind}
          options={kinds.map((k) => ({ value: k, label: importKindLabels[k].replace(/（.*）/, '') }))}
          onChange={(k) => setParams({ kind: k, job: null })}
          style={{ marginBottom: 8 }}
        />
        <Typography.Paragraph type="secondary" style={{ margin: '4px 0 12px' }}>
          {KIND_HELP[kind]}任何一行有错误时整个文件都不导入，并列出全部错误。
        </Typography.Paragraph>
        <Button icon={<DownloadOutlined aria-hidden />} href={templateUrl(kind)} style={{ marginBottom: 12 }}>
          下载{importKindLabels[kind].replace(/（.*）/, '')}模板
        </Button>
        {!jobId ? <UploadStep kind={kind} onUploaded={(j) => setParams({ job: j.id })} /> : null}
      </Card>
      {jobId ? job.isError ? <QueryError error={job.error} onRetry={() => job.refetch()} /> : job.data ? <JobStep job={job.data} onRestart={restart} /> : <Skeleton active /> : null}
      <RecentImports onOpen={(j) => setParams({ kind: j.kind, job: j.id })} />
    </>
  );
}
