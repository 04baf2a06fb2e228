import { periodLabel } from '@jinguo/common/periods.ts';
import { Badge, Button, Card, List, Space, Tag } from 'antd';
import { Link, useNavigate } from 'react-router';
import { useReportsToReview } from './reports.api.ts';

const submittedOn = (iso: string | null) => (iso ? new Date(iso).toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai' }) : null);

/** the home page's review queue: reports of the direct children submitted and waiting for this org's review */
export function ReportsToReview() {
  const list = useReportsToReview();
  const navigate = useNavigate();
  const items = list.data?.items ?? [];
  if (!items.length) return null;
  return (
    <Card
      size="small"
      title={<Space>待我审核<Badge count={items.length} color="gold" /></Space>}
      extra={<Link to="/reports">全部报表</Link>}
      style={{ marginBottom: 16 }}
      data-testid="reports-to-review"
    >
      <List
        size="small"
        dataSource={items}
        renderItem={(r) => (
          <List.Item actions={[<Button key="go" type="primary" size="small" onClick={() => navigate(`/reports/${r.id}`)}>审核</Button>]}>
            <List.Item.Meta
              title={<Link to={`/reports/${r.id}`}>{r.orgName}</Link>}
              description={
                <Space wrap size={4}>
                  <span>{r.formName} · {periodLabel(r.period)}</span>
                  <Tag color="gold">待审核</Tag>
                  {r.submittedAt ? <span className="jg-muted">{submittedOn(r.submittedAt)} 上报</span> : null}
                </Space>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
