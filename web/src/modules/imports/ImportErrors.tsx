import { DownloadOutlined } from '@ant-design/icons';
import type { ImportError, ImportJob } from '@jinguo/common/imports.schema.ts';
import { Alert, Button, Card, Pagination, Table } from 'antd';
import { useState } from 'react';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { markedSheetUrl, useImportErrors } from './imports.api.ts';

const rowText = (row: number) => (row > 0 ? `第 ${row} 行` : '整个文件');

/** every problem of a refused import (row, column, reason) and the marked copy of the sheet */
export function ImportErrors({ job }: { job: ImportJob }) {
  const isPhone = useIsPhone();
  const [page, setPage] = useState(1);
  const errors = useImportErrors(job.id, page, job.errorCount > 0);
  const items = errors.data?.items ?? job.errors;
  const marked = job.errors.some((e) => e.row > 0);
  return (
    <>
      <Alert
        type="error"
        showIcon
        message={`未导入任何数据：发现 ${job.errorCount} 处错误`}
        description={`请按下表修改原表格后重新上传${marked ? '；也可下载标注了错误单元格的表格，在其中修改后上传' : ''}。`}
        style={{ marginBottom: 12 }}
      />
      {marked ? (
        <Button icon={<DownloadOutlined aria-hidden />} href={markedSheetUrl(job.id)} style={{ marginBottom: 12 }}>
          下载标注错误的表格
        </Button>
      ) : null}
      {isPhone ? (
        <div className="jg-card-list" role="list" aria-label="错误清单">
          {items.map((e, i) => (
            <Card key={`${e.row}-${e.column}-${i}`} size="small" role="listitem">
              <strong>{rowText(e.row)}</strong>
              {e.column ? <span className="jg-muted">　{e.column}</span> : null}
              <div>{e.message}</div>
            </Card>
          ))}
        </div>
      ) : (
        <div role="region" aria-label="错误清单">
        <Table<ImportError>
          size="small"
          rowKey={(e) => `${e.row}-${e.column}-${e.message}`}
          dataSource={items}
          loading={errors.isFetching}
          pagination={false}
          columns={[
            { title: '行号', dataIndex: 'row', width: 90, render: (r: number) => rowText(r) },
            { title: '列', dataIndex: 'column', width: 140, render: (c: string) => c || '—' },
            { title: '原因', dataIndex: 'message' },
          ]}
        />
        </div>
      )}
      {job.errorCount > 50 ? (
        <Pagination style={{ marginTop: 12 }} current={page} pageSize={50} total={job.errorCount} showSizeChanger={false} onChange={setPage} size="small" />
      ) : null}
    </>
  );
}
