import { periodLabel } from '@jinguo/common/periods.ts';
import { Button, Empty, List, Select, Space, Tabs, Tag } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useUrlState } from '../../lib/search-params.ts';
import { useCurrentUser } from '../auth/auth.api.ts';
import { AggregatesView } from './AggregatesView.tsx';
import { CompletenessView } from './CompletenessView.tsx';
import { MyDueItems } from './MyDueItems.tsx';
import { defaultReportPeriod, recentPeriodOptions, statusLabels } from './report-labels.ts';
import { useReportForms, useReports, type ReportList } from './reports.api.ts';

function ReportRows({ items, empty }: { items: ReportList['items']; empty: string }) {
  if (!items.length) return <Empty description={empty} />;
  return (
    <List
      dataSource={items}
      renderItem={(r) => (
        <List.Item extra={<Tag color={statusLabels[r.status].color}>{statusLabels[r.status].text}</Tag>}>
          <List.Item.Meta title={<Link to={`/reports/${r.id}`}>{`${r.orgName} · ${r.formName} · ${periodLabel(r.period)}`}</Link>} description={r.returnReason ? `退回理由：${r.returnReason}` : `截止 ${r.dueOn}`} />
        </List.Item>
      )}
    />
  );
}

/** quarterly reporting: this unit's reports, the units below (to review), completeness with chasing, aggregates */
export function ReportsPage() {
  const me = useCurrentUser();
  const [params, setParams] = useUrlState();
  const forms = useReportForms();
  const reports = useReports({});
  const tab = params.get('tab') ?? 'mine';
  const items = reports.data?.items ?? [];
  const form = forms.data?.items.find((f) => f.id === params.get('form')) ?? forms.data?.items.find((f) => f.active);
  const period = params.get('period') ?? (form ? defaultReportPeriod(form.periodType) : undefined);
  const orgId = params.get('orgId') ?? undefined;
  const drill = (id: string) => setParams({ orgId: id });
  const pickers = form ? (
    <Space wrap style={{ marginBottom: 12 }}>
      <Select style={{ minWidth: 200 }} value={form.id} onChange={(v) => setParams({ form: v, period: null, orgId: null })} options={(forms.data?.items ?? []).map((f) => ({ value: f.id, label: `${f.name}（${f.ownerOrgName}）` }))} aria-label="报表" />
      <Select style={{ minWidth: 150 }} value={period} onChange={(v) => setParams({ period: v })} options={recentPeriodOptions(form.periodType, 8)} aria-label="期间" />
    </Space>
  ) : (
    <Empty description="还没有报表" />
  );
  const analysis = (content: (formId: string, period: string) => ReactNode) => (
    <>
      {pickers}
      {form && period ? content(form.id, period) : null}
    </>
  );

  return (
    <>
      <PageHeader section title="季度上报" extra={me.user.role === 'admin' ? <Link to="/report-forms"><Button>报表设置</Button></Link> : null} />
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k })}
        items={[
          {
            key: 'mine',
            label: '本单位',
            children: (
              <>
                <MyDueItems />
                <ReportRows items={items.filter((r) => r.orgId === me.org.id)} empty="本单位还没有报表" />
              </>
            ),
          },
          { key: 'below', label: '下级报表', children: <ReportRows items={items.filter((r) => r.orgId !== me.org.id)} empty="下级还没有报表" /> },
          { key: 'completeness', label: '报送情况', children: analysis((f, p) => <CompletenessView formId={f} period={p} orgId={orgId} onDrill={drill} canChase={me.user.role !== 'executive'} />) },
          { key: 'aggregates', label: '汇总数据', children: analysis((f, p) => <AggregatesView formId={f} period={p} orgId={orgId} onDrill={drill} />) },
        ]}
      />
    </>
  );
}
