import type { ImportJob } from '@jinguo/common/imports.schema.ts';
import { Button, Form, Select, Space, Typography } from 'antd';
import type { ImportMapping as Mapping } from './imports.api.ts';

type Props = {
  job: ImportJob;
  mapping: Mapping;
  onChange: (mapping: Mapping) => void;
  onStart: () => void;
  onCancel: () => void;
  starting: boolean;
};

const columnLetter = (i: number) => (i >= 26 ? String.fromCharCode(64 + Math.floor(i / 26)) : '') + String.fromCharCode(65 + (i % 26));

/** one select per field of the kind: which column of the uploaded sheet holds it (proposed by the server, adjustable) */
export function ImportMapping({ job, mapping, onChange, onStart, onCancel, starting }: Props) {
  const options = job.headers.map((h, i) => ({ value: i, label: `${columnLetter(i)} 列：${h || '（无表头）'}` }));
  const missing = job.fields.filter((f) => f.required && (mapping[f.field] ?? null) === null);
  return (
    <Form layout="vertical" className="jg-import-mapping" onFinish={onStart}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
        已读取工作表“{job.sheetName}”的表头（共 {job.headers.length} 列）。请核对每一项对应表格中的哪一列；带 * 的必须选择。
      </Typography.Paragraph>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))', columnGap: 16 }}>
        {job.fields.map((f) => (
          <Form.Item key={f.field} label={f.header} required={f.required} tooltip={f.hint} style={{ marginBottom: 12 }}>
            <Select
              aria-label={`${f.header}对应的列`}
              allowClear={!f.required}
              placeholder={f.required ? '请选择一列' : '不导入'}
              value={mapping[f.field] ?? undefined}
              options={options}
              onChange={(v: number | undefined) => onChange({ ...mapping, [f.field]: v ?? null })}
            />
          </Form.Item>
        ))}
      </div>
      <Space wrap>
        <Button type="primary" htmlType="submit" loading={starting} disabled={missing.length > 0}>
          开始导入
        </Button>
        <Button onClick={onCancel}>重新上传</Button>
        {missing.length > 0 ? <Typography.Text type="danger">请为 {missing.map((f) => f.header).join('、')} 选择一列</Typography.Text> : null}
      </Space>
    </Form>
  );
}
