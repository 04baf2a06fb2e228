import { ApartmentOutlined, CloseCircleFilled } from '@ant-design/icons';
import { Button, Space } from 'antd';
import { useState } from 'react';
import { OrgPickerModal, type PickedOrg } from './OrgPickerModal.tsx';
import { useOrg } from './orgs.api.ts';

type Props = {
  value?: string | null;
  onChange?: (id: string | null, org?: PickedOrg) => void;
  /** shown when nothing is chosen (a filter then means "my whole subtree") */
  placeholder?: string;
  allowClear?: boolean;
  disabled?: boolean;
  id?: string;
  'aria-label'?: string;
};

/** a form field (value/onChange) holding an org id; shows the org's name and opens the picker */
export function OrgPickerField({ value, onChange, placeholder = '选择组织', allowClear, disabled, id, ...rest }: Props) {
  const [open, setOpen] = useState(false);
  const org = useOrg(value);
  const label = value ? (org.data?.name ?? (org.isError ? '（无法显示）' : '加载中…')) : placeholder;
  return (
    <>
      <Space.Compact style={{ width: '100%' }}>
        <Button
          id={id}
          block
          icon={<ApartmentOutlined aria-hidden />}
          disabled={disabled}
          onClick={() => setOpen(true)}
          aria-label={rest['aria-label'] ?? `组织：${label}，点击更换`}
          style={{ justifyContent: 'flex-start', overflow: 'hidden', textOverflow: 'ellipsis' }}
        >
          <span style={{ overflow: 'hidden', textOverflow: 'ellipsis', color: value ? undefined : '#999' }}>{label}</span>
        </Button>
        {allowClear && value && !disabled ? (
          <Button icon={<CloseCircleFilled aria-hidden />} aria-label="清除组织" onClick={() => onChange?.(null)} />
        ) : null}
      </Space.Compact>
      <OrgPickerModal
        open={open}
        onClose={() => setOpen(false)}
        onPick={(picked) => {
          setOpen(false);
          onChange?.(picked.id, picked);
        }}
      />
    </>
  );
}
