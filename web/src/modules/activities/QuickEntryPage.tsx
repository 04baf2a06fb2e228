import type { ActivityView } from '@jinguo/common/activities.schema.ts';
import { todayInShanghai } from '@jinguo/common/periods.ts';
import { formatWithUnit } from '@jinguo/common/units.ts';
import { Alert, Button, Card, Result, Skeleton } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { useCurrentUser } from '../auth/auth.api.ts';
import { useActivityDefaults, useActivityKinds } from './activities.api.ts';
import { rememberedKind } from './entry-memory.ts';
import { QuickEntryForm } from './QuickEntryForm.tsx';

/** village level and below record for their own org; higher levels may pick one in their subtree */
const VILLAGE_DEPTH = 4;

type Saved = { activity: ActivityView; failures: string[] };

export function QuickEntryPage() {
  const me = useCurrentUser();
  const isPhone = useIsPhone();
  const navigate = useNavigate();
  const kinds = useActivityKinds();
  const defaults = useActivityDefaults();
  const [saved, setSaved] = useState<Saved | null>(null);
  const [round, setRound] = useState(0);
  const [lastOrgId, setLastOrgId] = useState<string | null>(null);

  if (kinds.isError) return <QueryError error={kinds.error} onRetry={() => kinds.refetch()} />;
  if (kinds.isPending || defaults.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;

  const active = kinds.data.items.filter((k) => k.active);
  const isUsable = (code: string | null | undefined) => !!code && active.some((k) => k.code === code);
  const kindCode = [rememberedKind(), defaults.data?.kindCode].find(isUsable) ?? active[0]?.code;
  const kindName = active.find((k) => k.code === kindCode)?.name;
  const initial = {
    orgId: lastOrgId ?? defaults.data?.orgId ?? me.org.id,
    kindCode,
    title: kindName,
    date: dayjs(defaults.data?.date ?? todayInShanghai()),
    participants: null,
  };

  const body = saved ? (
    <Result
      status="success"
      title="已记录"
      subTitle={`${saved.activity.title} · ${saved.activity.date} · ${formatWithUnit(saved.activity.participants, saved.activity.participantUnit)}`}
      extra={[
        <Button key="again" type="primary" size="large" onClick={() => { setSaved(null); setRound(round + 1); }}>
          再记一笔
        </Button>,
        <Button key="view" size="large" onClick={() => navigate(`/activities/${saved.activity.id}`)}>
          查看这条记录
        </Button>,
      ]}
    >
      {saved.failures.length ? (
        <Alert type="warning" showIcon message="活动已保存，但有照片没有传上去，可在记录详情中重新上传" description={saved.failures.join('；')} />
      ) : null}
    </Result>
  ) : (
    <QuickEntryForm
      key={round}
      initial={initial}
      kinds={active}
      canChooseOrg={me.org.depth < VILLAGE_DEPTH}
      onSaved={(activity, failures) => {
        setLastOrgId(activity.orgId);
        setSaved({ activity, failures });
        window.scrollTo({ top: 0 });
      }}
    />
  );

  return (
    <div style={{ maxWidth: 560, margin: '0 auto' }}>
      {isPhone ? null : <PageHeader title="记一笔" />}
      {defaults.isError ? <Alert type="info" showIcon message="未能读取上次填写的内容，已使用默认值" style={{ marginBottom: 12 }} /> : null}
      {isPhone ? body : <Card>{body}</Card>}
    </div>
  );
}
