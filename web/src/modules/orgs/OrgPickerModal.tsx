import { Breadcrumb, Button, Modal } from 'antd';
import { useState } from 'react';
import { SearchInput } from '../../components/SearchInput.tsx';
import { useDebounced } from '../../lib/use-debounced.ts';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { OrgDrillList } from './OrgDrillList.tsx';
import { OrgSearchResults } from './OrgSearchResults.tsx';
import { useRootOrg } from './orgs.api.ts';

export type PickedOrg = { id: string; name: string };

type Props = { open: boolean; title?: string; onPick: (org: PickedOrg) => void; onClose: () => void; excludeId?: string };

/** choose an org of the user's subtree: search by name, or walk down from the user's own org */
export function OrgPickerModal({ open, title = '选择组织', onPick, onClose, excludeId }: Props) {
  const root = useRootOrg();
  const isPhone = useIsPhone();
  const [trail, setTrail] = useState<PickedOrg[]>([]);
  const [q, setQ] = useState('');
  const term = useDebounced(q);
  const rootOrg = root.data ? { id: root.data.id, name: root.data.name } : null;
  const current = trail[trail.length - 1] ?? rootOrg;
  const pick = (org: PickedOrg) => {
    if (org.id === excludeId) return;
    onPick({ id: org.id, name: org.name });
    setQ('');
  };

  return (
    <Modal open={open} title={title} onCancel={onClose} footer={null} width={isPhone ? '100%' : 560} style={isPhone ? { top: 8, maxWidth: 'calc(100vw - 16px)' } : undefined} destroyOnHidden>
      <SearchInput placeholder="输入名称搜索" value={q} onChange={(e) => setQ(e.target.value)} size="large" aria-label="按名称搜索组织" style={{ marginBottom: 12 }} maxLength={50} />
      {term.trim() ? (
        <OrgSearchResults q={term} onPick={pick} />
      ) : current && rootOrg ? (
        <>
          <Breadcrumb
            style={{ marginBottom: 8 }}
            items={[rootOrg, ...trail].map((o, i) => ({
              key: o.id,
              title: <a onClick={() => setTrail(trail.slice(0, i))}>{o.name}</a>,
            }))}
          />
          <Button block onClick={() => pick(current)} disabled={current.id === excludeId} style={{ marginBottom: 8 }}>
            选择“{current.name}”
          </Button>
          <div style={{ maxHeight: isPhone ? '55vh' : 420, overflowY: 'auto' }}>
            <OrgDrillList parentId={current.id} onOpen={(o) => setTrail([...trail, { id: o.id, name: o.name }])} onPick={pick} />
          </div>
        </>
      ) : null}
    </Modal>
  );
}
