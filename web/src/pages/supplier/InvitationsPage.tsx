import { Space, Tag, Typography } from 'antd';
import { useQuery } from 'urql';
import { SupplierInvitationsDocument } from './supplier.generated';
import type { SupplierInvitationsQuery } from '../../gql/graphql';
import { Link } from '../../app/router';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { DataTable } from '../../components/DataTable';
import { PageHeader } from '../../components/PageHeader';
import { useFormat } from '../../i18n/format';
import { useLocale } from '../../i18n/locale';
import { useT } from '../../i18n/messages';
import { supplierMessages } from './supplier.messages';

type Invitation = SupplierInvitationsQuery['myQuoteInvitations']['edges'][number]['node'];

/** Invitations to quote the organisation received, newest first, each leading to the quote form. */
export default function InvitationsPage() {
  const t = useT(supplierMessages);
  const f = useFormat();
  const { locale } = useLocale();
  const [{ data, fetching, error }] = useQuery({ query: SupplierInvitationsDocument, variables: { first: 50 } });
  return (
    <>
      <PageHeader title={t('invitationsTitle')} />
      <ApiErrorAlert error={error} />
      <DataTable<Invitation>
        rowKey={(i) => i.id}
        rows={data?.myQuoteInvitations.edges.map((e) => e.node) ?? []}
        loading={fetching}
        empty={t('none')}
        minWidth={720}
        data-testid="invitations-table"
        rowProps={(i) => ({ 'data-requirement': i.requirementId })}
        columns={[
          {
            key: 'requirement',
            title: t('requirement'),
            render: (i) =>
              i.requirement ? (
                <Space direction="vertical" size={0}>
                  <Link to={`/supplier/requirements/${i.requirementId}`}>{i.requirement.title}</Link>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {locale === 'en-US' && i.requirement.organization.nameEn ? i.requirement.organization.nameEn : i.requirement.organization.legalName}
                  </Typography.Text>
                </Space>
              ) : (
                '—'
              ),
          },
          { key: 'status', title: t('status'), render: (i) => (i.requirement ? <Tag>{i.requirement.status}</Tag> : '—') },
          { key: 'deadline', title: t('deadline'), render: (i) => f.dateTime(i.requirement?.quoteDeadline) },
          { key: 'invited', title: t('invitedAt'), wide: true, render: (i) => f.dateTime(i.createdAt) },
          { key: 'message', title: t('message'), wide: true, render: (i) => i.message || '—' },
          { key: 'quote', title: '', render: (i) => (i.requirement?.status === 'OPEN' ? <Link to={`/supplier/requirements/${i.requirementId}`}>{t('quote')}</Link> : null) },
        ]}
      />
    </>
  );
}
