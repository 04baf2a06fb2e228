import { todayInShanghai, type PeriodKind } from '@jinguo/common/periods.ts';
import { Segmented, Select, Space } from 'antd';
import { currentPeriodOf, joinPeriod, splitPeriod } from '../lib/period-parts.ts';

type KindChoice = PeriodKind | 'all';

const kindOptions: { label: string; value: PeriodKind }[] = [
  { label: '年度', value: 'year' },
  { label: '季度', value: 'quarter' },
  { label: '月度', value: 'month' },
];

function yearOptions() {
  const thisYear = Number(todayInShanghai().slice(0, 4));
  return Array.from({ length: 8 }, (_, i) => thisYear - i).map((y) => ({ label: `${y}年`, value: y }));
}

const quarterOptions = ['一', '二', '三', '四'].map((n, i) => ({ label: `第${n}季度`, value: i + 1 }));
const monthOptions = Array.from({ length: 12 }, (_, i) => ({ label: `${i + 1}月`, value: i + 1 }));

type Props =
  | { value: string; onChange: (period: string) => void; allowAll?: false }
  | { value: string | null; onChange: (period: string | null) => void; allowAll: true };

/** a period ('2025', '2025Q1', '2025-03') chosen with plain selects: no calendar pop-up on small phones */
export function PeriodPicker({ value, onChange, allowAll }: Props) {
  const choices = allowAll ? [{ label: '不限', value: 'all' as const }, ...kindOptions] : kindOptions;
  const changeKind = (kind: KindChoice) => {
    if (kind === 'all') {
      if (allowAll) onChange(null);
      return;
    }
    if (value && kind === splitPeriod(value).kind) return;
    const current = splitPeriod(currentPeriodOf(kind));
    const year = value ? splitPeriod(value).year : current.year;
    onChange(joinPeriod({ kind, year, part: year === current.year ? current.part : 1 }));
  };
  if (!value) {
    return <Segmented<KindChoice> options={choices} value="all" onChange={changeKind} aria-label="期间类型" />;
  }
  const parts = splitPeriod(value);
  return (
    <Space wrap size={8}>
      <Segmented<KindChoice> options={choices} value={parts.kind} onChange={changeKind} aria-label="期间类型" />
      <Select
        aria-label="年份"
        value={parts.year}
        options={yearOptions()}
        onChange={(year) => onChange(joinPeriod({ ...parts, year }))}
        style={{ width: 100 }}
      />
      {parts.kind !== 'year' ? (
        <Select
          aria-label={parts.kind === 'quarter' ? '季度' : '月份'}
          value={parts.part}
          options={parts.kind === 'quarter' ? quarterOptions : monthOptions}
          onChange={(part) => onChange(joinPeriod({ ...parts, part }))}
          style={{ width: parts.kind === 'quarter' ? 112 : 84 }}
        />
      ) : null}
    </Space>
  );
}
