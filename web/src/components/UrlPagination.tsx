import { Pagination } from 'antd';
import { useIsPhone } from '../lib/use-is-phone.ts';
import { useUrlState } from '../lib/search-params.ts';

type Props = {
  page: number;
  pageSize: number;
  total: number | undefined;
  /** "共 N 条" on desktop when given */
  unit?: string;
  scrollToTop?: boolean;
};

/** the pager of a list whose page lives in the URL (?page=, absent on the first page); nothing when one page holds all */
export function UrlPagination({ page, pageSize, total, unit, scrollToTop = false }: Props) {
  const isPhone = useIsPhone();
  const [, setParams] = useUrlState();
  if (total === undefined || total <= pageSize) return null;
  return (
    <Pagination
      style={{ marginTop: 16 }}
      align="center"
      simple={isPhone}
      current={page}
      pageSize={pageSize}
      total={total}
      showSizeChanger={false}
      showTotal={isPhone || !unit ? undefined : (t) => `共 ${t} ${unit}`}
      onChange={(p) => {
        setParams({ page: p === 1 ? null : p });
        if (scrollToTop) window.scrollTo({ top: 0 });
      }}
    />
  );
}
