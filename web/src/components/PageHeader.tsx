import { Typography } from 'antd';
import type { ReactNode } from 'react';

/** A page's title (the one h1 of the page) with its actions on the right; wraps on a phone. */
export function PageHeader({ title, extra, sub }: { title: ReactNode; extra?: ReactNode; sub?: ReactNode }) {
  return (
    <div className="zlt-page-header">
      <div>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          {title}
        </Typography.Title>
        {sub && <Typography.Text type="secondary">{sub}</Typography.Text>}
      </div>
      {extra && <div className="zlt-page-header-extra">{extra}</div>}
    </div>
  );
}
