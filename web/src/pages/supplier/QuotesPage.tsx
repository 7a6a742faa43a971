import { Tag } from 'antd';
import { useQuery } from 'urql';
import { SupplierQuotesDocument } from './supplier.generated';
import type { SupplierQuoteFragment } from '../../gql/graphql';
import { Link } from '../../app/router';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { DataTable } from '../../components/DataTable';
import { PageHeader } from '../../components/PageHeader';
import { useFormat } from '../../i18n/format';
import { useT } from '../../i18n/messages';
import { supplierMessages } from './supplier.messages';

const COLORS = { SUBMITTED: 'blue', ACCEPTED: 'green', REJECTED: 'default', WITHDRAWN: 'default' } as const;

/** The organisation's quotes, newest first; each opens its requirement to revise or withdraw it. */
export default function QuotesPage() {
  const t = useT(supplierMessages);
  const f = useFormat();
  const [{ data, fetching, error }] = useQuery({ query: SupplierQuotesDocument, variables: { first: 100 } });
  return (
    <>
      <PageHeader title={t('quotesTitle')} />
      <ApiErrorAlert error={error} />
      <DataTable<SupplierQuoteFragment>
        rowKey={(q) => q.id}
        rows={data?.myQuotes.edges.map((e) => e.node) ?? []}
        loading={fetching}
        empty={t('none')}
        minWidth={760}
        data-testid="quotes-table"
        rowProps={(q) => ({ 'data-quote': q.id })}
        columns={[
          { key: 'requirement', title: t('requirement'), render: (q) => (q.requirement ? <Link to={`/supplier/requirements/${q.requirementId}`}>{q.requirement.title}</Link> : '—') },
          { key: 'status', title: t('status'), render: (q) => <Tag color={COLORS[q.status]}>{t(`quoteStatus_${q.status}`)}</Tag> },
          { key: 'price', title: t('unitPrice'), align: 'right', render: (q) => f.money(q.unitPrice) },
          { key: 'volume', title: t('volume'), align: 'right', render: (q) => f.number(q.volume) },
          { key: 'plant', title: t('plant'), wide: true, render: (q) => q.site.name },
          { key: 'valid', title: t('validUntil'), wide: true, render: (q) => f.date(q.validUntil) },
          { key: 'revision', title: t('revision'), align: 'right', wide: true, render: (q) => q.revision },
        ]}
      />
    </>
  );
}
