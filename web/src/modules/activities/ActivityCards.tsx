import { CalendarOutlined, EnvironmentOutlined, PaperClipOutlined, TeamOutlined } from '@ant-design/icons';
import type { ActivityView } from '@jinguo/common/activities.schema.ts';
import { formatWithUnit } from '@jinguo/common/units.ts';
import { Card, Space, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router';

export function ActivityCards({ items }: { items: ActivityView[] }) {
  const navigate = useNavigate();
  return (
    <div className="jg-card-list" role="list">
      {items.map((a) => (
        <Card
          key={a.id}
          size="small"
          className="jg-list-card"
          role="listitem"
          tabIndex={0}
          onClick={() => navigate(`/activities/${a.id}`)}
          onKeyDown={(e) => e.key === 'Enter' && navigate(`/activities/${a.id}`)}
        >
          <Typography.Text strong style={{ fontSize: 16, display: 'block' }}>
            {a.title}
          </Typography.Text>
          <Space size={[12, 4]} wrap className="jg-muted" style={{ fontSize: 13, marginTop: 4 }}>
            <span><CalendarOutlined aria-hidden /> {a.date}</span>
            <Tag color="magenta" style={{ marginInlineEnd: 0 }}>{a.kindName}</Tag>
            <span><TeamOutlined aria-hidden /> {formatWithUnit(a.participants, a.participantUnit)}</span>
            {a.attachments.length ? <span><PaperClipOutlined aria-hidden /> {formatWithUnit(a.attachments.length, '个')}</span> : null}
          </Space>
          <div className="jg-muted" style={{ fontSize: 13, marginTop: 4 }}>
            {a.orgName}
            {a.place ? <> · <EnvironmentOutlined aria-hidden /> {a.place}</> : null}
          </div>
        </Card>
      ))}
    </div>
  );
}
