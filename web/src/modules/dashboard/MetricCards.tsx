import type { DashboardData } from '@jinguo/common/metrics.schema.ts';
import { formatWithUnit } from '@jinguo/common/units.ts';
import { Card, Col, Empty, Row } from 'antd';
import { Link } from 'react-router';

type Props = {
  cards: DashboardData['cards'];
  selectedCode: string | undefined;
  onSelect: (code: string) => void;
  recordsHref: (code: string) => string;
};

export function MetricCards({ cards, selectedCode, onSelect, recordsHref }: Props) {
  if (cards.length === 0) return <Empty description="还没有启用的指标，管理员可在“指标与活动类型”中添加" />;
  return (
    <Row gutter={[10, 10]} role="list" aria-label="指标">
      {cards.map((c) => {
        const selected = c.code === selectedCode;
        return (
          <Col key={c.code} xs={12} sm={8} lg={6} xxl={4} role="listitem">
            <Card
              size="small"
              className={`jg-metric-card${selected ? ' is-selected' : ''}`}
              onClick={() => onSelect(c.code)}
              role="button"
              tabIndex={0}
              aria-pressed={selected}
              onKeyDown={(e) => e.key === 'Enter' && onSelect(c.code)}
            >
              <div className="jg-muted" style={{ fontSize: 13, minHeight: 40 }}>{c.name}</div>
              <div className="jg-metric-value">{formatWithUnit(c.value, c.unit)}</div>
              <Link to={recordsHref(c.code)} onClick={(e) => e.stopPropagation()} style={{ fontSize: 13, display: 'inline-block', paddingTop: 6 }}>
                查看记录
              </Link>
            </Card>
          </Col>
        );
      })}
    </Row>
  );
}
