import { LinkOutlined, SyncOutlined } from '@ant-design/icons';
import { splitByPlaceholders, type DocumentDetail, type FigureView } from '@jinguo/common/documents.schema.ts';
import { App, Button, List, Tag, Tooltip } from 'antd';
import { Link } from 'react-router';
import { errorText } from '../../lib/errors.ts';
import { formatMoment } from '../../lib/format-time.ts';
import { useRefreshFigures } from './documents.api.ts';

/** a figure in the text: its value, linking to the records behind it; stale ones marked 过期 */
function FigureChip({ f }: { f: FigureView }) {
  return (
    <Tooltip title={`${f.label}：查看${f.recordCount}条记录${f.stale ? '（记录已变化，数字过期）' : ''}`}>
      <Link to={f.link} className={`jg-figure${f.stale ? ' is-stale' : ''}`} aria-label={`${f.label} ${f.text}${f.stale ? '，已过期' : ''}，查看记录`}>
        {f.text}
        {f.stale ? <sup className="jg-figure-flag">过期</sup> : null}
      </Link>
    </Tooltip>
  );
}

function ListFigure({ f }: { f: FigureView }) {
  return (
    <div className={`jg-figure-list${f.stale ? ' is-stale' : ''}`}>
      {f.items.length ? <ol>{f.items.map((item, i) => <li key={i}>{item}</li>)}</ol> : <p>{f.text}</p>}
      <Link to={f.link}><LinkOutlined aria-hidden /> {f.label}：查看记录</Link>
      {f.stale ? <Tag color="orange" style={{ marginInlineStart: 8 }}>过期</Tag> : null}
    </div>
  );
}

/** a section's body as it will read: one paragraph a line, figures in place */
export function DocumentBody({ text, figures }: { text: string; figures: FigureView[] }) {
  const byKey = new Map(figures.map((f) => [f.key, f]));
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines.length === 0) return <p className="jg-muted">（空）</p>;
  return (
    <div className="jg-doc-body">
      {lines.map((line, i) => {
        const parts = splitByPlaceholders(line.trim());
        const only = parts.length === 1 && typeof parts[0] !== 'string' ? byKey.get(parts[0].key) : undefined;
        if (only && only.kind !== 'metric') return <ListFigure key={i} f={only} />;
        return (
          <p key={i}>
            {parts.map((p, j) => {
              if (typeof p === 'string') return p;
              const f = byKey.get(p.key);
              return f ? <FigureChip key={j} f={f} /> : <Tag key={j}>{p.raw}</Tag>;
            })}
          </p>
        );
      })}
    </div>
  );
}

/** every figure of the draft with its source, and 更新数字 for the stale ones */
export function FigureList({ doc }: { doc: DocumentDetail }) {
  const refresh = useRefreshFigures(doc.id);
  const { message } = App.useApp();
  const refreshOne = (key: string) =>
    refresh.mutate([key], { onSuccess: () => message.success('数字已更新'), onError: (e) => message.error(errorText(e)) });
  return (
    <List
      bordered
      size="small"
      dataSource={doc.figures}
      locale={{ emptyText: '文中没有取自记录的数字' }}
      renderItem={(f) => (
        <List.Item
          actions={[
            <Link key="records" to={f.link}>查看记录（{f.recordCount}条）</Link>,
            ...(f.stale && doc.mayEdit
              ? [<Button key="refresh" size="small" icon={<SyncOutlined aria-hidden />} loading={refresh.isPending} onClick={() => refreshOne(f.key)}>更新数字</Button>]
              : []),
          ]}
        >
          <List.Item.Meta
            title={
              <span>
                {f.label}：{f.kind === 'metric' ? f.text : `${f.value}${f.unit ?? ''}`}
                {f.stale ? <Tag color="orange" style={{ marginInlineStart: 8 }}>过期</Tag> : null}
              </span>
            }
            description={`取数于 ${formatMoment(f.filledAt)}`}
          />
        </List.Item>
      )}
    />
  );
}
