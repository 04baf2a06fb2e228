import { Typography } from 'antd';
import type { AuditEntry } from './audit.api.ts';
import { diffRows } from './audit-diff.ts';

/** before → after, one line per changed field */
export function AuditDiff({ entry }: { entry: AuditEntry }) {
  const rows = diffRows(entry.entity, entry.before, entry.after);
  return (
    <div style={{ fontSize: 13 }}>
      {entry.reason ? <div style={{ marginBottom: 4 }}>原因：{entry.reason}</div> : null}
      {rows.length === 0 ? (
        <Typography.Text type="secondary">无字段变化</Typography.Text>
      ) : (
        <dl style={{ margin: 0, display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: '4px 12px' }}>
          {rows.map((r) => (
            <div key={r.field} style={{ display: 'contents' }}>
              <dt className="jg-muted">{r.label}</dt>
              <dd style={{ margin: 0, minWidth: 0 }}>
                {r.before !== null ? <span className="jg-diff-before">{r.before}</span> : null}
                {r.before !== null && r.after !== null ? ' → ' : null}
                {r.after !== null ? <span className="jg-diff-after">{r.after}</span> : null}
              </dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}
