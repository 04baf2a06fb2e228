import type { ReactNode } from 'react';

type Props = {
  title: ReactNode;
  extra?: ReactNode;
  /** a section's own title: on phones the top bar already shows it, so it is kept for screen readers only */
  section?: boolean;
};

export function PageHeader({ title, extra, section }: Props) {
  return (
    <div className={`jg-page-header${section ? ' is-section' : ''}${extra ? '' : ' no-extra'}`}>
      <h1>{title}</h1>
      {extra ? <div className="jg-page-header-extra">{extra}</div> : null}
    </div>
  );
}
