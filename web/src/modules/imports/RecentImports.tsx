import type { ImportJobSummary } from '@jinguo/common/imports.schema.ts';
import { importKindLabels, importStatusLabels } from '@jinguo/common/imports.schema.ts';
import { Card, Collapse, Table, Tag } from 'antd';
import { formatMoment } from '../../lib/format-time.ts';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { useRecentImports } from './imports.api.ts';

const statusColor: Record<ImportJobSummary['status'], string> = { uploaded: 'default', running: 'processing', succeeded: 'success', failed: 'error', interrupted: 'warning' };

/** the latest imports of the user's subtree, to come back to one */
export function RecentImports({ onOpen }: { onOpen: (job: ImportJobSummary) => void }) {
  const isPhone = useIsPhone();
  const list = useRecentImports();
  const items = list.data?.items ?? [];
  const status = (j: ImportJobSummary) => <Tag color={statusColor[j.status]}>{importStatusLabels[j.status]}</Tag>;
  const body = isPhone ? (
    <div className="jg-card-list" role="list">
      {items.map((j) => (
        <Card key={j.id} size="small" role="listitem" tabIndex={0} onClick={() => onOpen(j)} onKeyDown={(e) => e.key === 'Enter' && onOpen(j)}>
          <strong>{j.fileName}</strong> {status(j)}
          <div className="jg-muted" style={{ fontSize: 13 }}>
            {importKindLabels[j.kind]}　{formatMoment(j.createdAt)}　{j.status === 'succeeded' ? `导入 ${j.imported} 条` : j.errorCount ? `${j.errorCount} 处错误` : ''}
          </div>
        </Card>
      ))}
    </div>
  ) : (
    <Table<ImportJobSummary>
      size="small"
      rowKey="id"
      dataSource={items}
      loading={list.isFetching}
      pagination={false}
      onRow={(j) => ({ onClick: () => onOpen(j), style: { cursor: 'pointer' } })}
      columns={[
        { title: '文件', dataIndex: 'fileName' },
        { title: '类型', key: 'kind', render: (_, j) => importKindLabels[j.kind] },
        { title: '状态', key: 'status', render: (_, j) => status(j) },
        { title: '结果', key: 'result', render: (_, j) => (j.status === 'succeeded' ? `导入 ${j.imported} 条` : j.errorCount ? `${j.errorCount} 处错误` : '—') },
        { title: '上传时间', key: 'at', render: (_, j) => formatMoment(j.createdAt) },
      ]}
    />
  );
  if (items.length === 0) return null;
  return <Collapse style={{ marginTop: 12 }} items={[{ key: 'recent', label: `最近的导入（${items.length}）`, children: body }]} />;
}
