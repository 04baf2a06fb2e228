import { CloseCircleFilled, SearchOutlined } from '@ant-design/icons';
import { Button, Input, type GetProps } from 'antd';

type Props = Omit<GetProps<typeof Input.Search>, 'allowClear' | 'enterButton'>;

/** antd's Input.Search with Chinese names on its icon buttons (antd's own are announced "search" and "close-circle") */
export function SearchInput(props: Props) {
  return (
    <Input.Search
      {...props}
      allowClear={{ clearIcon: <CloseCircleFilled aria-label="清除" /> }}
      enterButton={<Button icon={<SearchOutlined aria-hidden />} aria-label="搜索" />}
    />
  );
}
