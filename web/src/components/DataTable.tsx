import { Fragment, useState, type HTMLAttributes, type ReactNode } from 'react';
import { Button, Checkbox, Empty, Spin } from 'antd';
import { DownOutlined, RightOutlined } from '@ant-design/icons';

export interface Column<T> {
  key: string;
  title: ReactNode;
  render: (row: T, index: number) => ReactNode;
  align?: 'left' | 'right' | 'center';
  width?: number;
  /** Hidden below 992 px (a phone shows the essentials; the row's details stay reachable). */
  wide?: boolean;
}

export interface DataTableProps<T> {
  rows: readonly T[];
  rowKey: (row: T) => string;
  columns: Column<T>[];
  loading?: boolean;
  empty?: ReactNode;
  /** A labelled checkbox per row; rows for which `selectable` is false cannot be chosen. */
  selection?: { selected: string[]; onChange: (keys: string[]) => void; label: (row: T) => string; selectable?: (row: T) => boolean };
  /** Details under a row, opened by its own button. */
  expand?: { render: (row: T) => ReactNode; label: string; when?: (row: T) => boolean };
  rowProps?: (row: T) => HTMLAttributes<HTMLTableRowElement> & Record<`data-${string}`, string>;
  minWidth?: number;
  'data-testid'?: string;
}

/**
 * A plain, accessible HTML table in Ant Design's look, for lists: a fraction of antd's Table
 * (which brings tree, dropdown, radio and pagination code to every route that shows a list and
 * would break the per-route budget; web/README.md). Scrolls sideways inside itself on a phone.
 */
export function DataTable<T>({ rows, rowKey, columns, loading, empty, selection, expand, rowProps, minWidth, ...rest }: DataTableProps<T>) {
  const [open, setOpen] = useState<Set<string>>(new Set());
  const toggle = (key: string) => setOpen((previous) => {
    const next = new Set(previous);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    return next;
  });
  const span = columns.length + (selection ? 1 : 0) + (expand ? 1 : 0);
  return (
    <div className="zlt-table-wrap" data-testid={rest['data-testid']}>
      <Spin spinning={Boolean(loading)}>
        <table className="zlt-table" style={{ minWidth }}>
          <thead>
            <tr>
              {expand && <th className="zlt-table-narrow" aria-label={expand.label} />}
              {selection && <th className="zlt-table-narrow" />}
              {columns.map((c) => (
                <th key={c.key} style={{ textAlign: c.align, width: c.width }} className={c.wide ? 'zlt-wide' : undefined} scope="col">
                  {c.title}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && !loading && (
              <tr data-empty="true">
                <td colSpan={span}>
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />
                </td>
              </tr>
            )}
            {rows.map((row, index) => {
              const key = rowKey(row);
              const expandable = expand && (!expand.when || expand.when(row));
              return (
                <Fragment key={key}>
                  <tr {...rowProps?.(row)} data-row-key={key}>
                    {expand && (
                      <td className="zlt-table-narrow">
                        {expandable && (
                          <Button
                            type="text"
                            size="small"
                            icon={open.has(key) ? <DownOutlined /> : <RightOutlined />}
                            aria-expanded={open.has(key)}
                            aria-label={expand.label}
                            onClick={() => toggle(key)}
                          />
                        )}
                      </td>
                    )}
                    {selection && (
                      <td className="zlt-table-narrow">
                        <Checkbox
                          aria-label={selection.label(row)}
                          checked={selection.selected.includes(key)}
                          disabled={selection.selectable ? !selection.selectable(row) : false}
                          onChange={(e) => selection.onChange(e.target.checked ? [...selection.selected, key] : selection.selected.filter((k) => k !== key))}
                        />
                      </td>
                    )}
                    {columns.map((c) => (
                      <td key={c.key} style={{ textAlign: c.align }} className={c.wide ? 'zlt-wide' : undefined}>
                        {c.render(row, index)}
                      </td>
                    ))}
                  </tr>
                  {expandable && open.has(key) && (
                    <tr className="zlt-table-expanded">
                      <td colSpan={span}>{expand.render(row)}</td>
                    </tr>
                  )}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      </Spin>
    </div>
  );
}
