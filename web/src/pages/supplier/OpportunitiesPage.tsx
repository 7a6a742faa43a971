import { Space, Typography } from 'antd';
import { useQuery } from 'urql';
import { SupplierOpportunitiesDocument } from './supplier.generated';
import type { SupplierOpportunitiesQuery } from '../../gql/graphql';
import { Link } from '../../app/router';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { DataTable } from '../../components/DataTable';
import { FactorList, ScoreBar, TierLabel } from '../../components/MatchFactors';
import { matchingMessages } from '../../components/matching.messages';
import { PageHeader } from '../../components/PageHeader';
import { useFormat } from '../../i18n/format';
import { useLocale } from '../../i18n/locale';
import { useT } from '../../i18n/messages';
import { supplierMessages } from './supplier.messages';

type Opportunity = SupplierOpportunitiesQuery['opportunitiesForSupplier']['edges'][number]['node'];

/** Open requirements ranked for this supplier, with the score's five factors and their reasons. */
export default function OpportunitiesPage() {
  const t = useT(supplierMessages);
  const tm = useT(matchingMessages);
  const f = useFormat();
  const { locale } = useLocale();
  const [{ data, fetching, error }] = useQuery({ query: SupplierOpportunitiesDocument, variables: { first: 50 } });
  const name = (o: { legalName: string; nameEn?: string | null }) => (locale === 'en-US' && o.nameEn ? o.nameEn : o.legalName);
  return (
    <>
      <PageHeader title={t('opportunitiesTitle')} sub={t('opportunitiesSub')} />
      <ApiErrorAlert error={error} />
      <DataTable<Opportunity>
        rowKey={(o) => o.requirementId}
        rows={data?.opportunitiesForSupplier.edges.map((e) => e.node) ?? []}
        loading={fetching}
        empty={t('none')}
        minWidth={860}
        data-testid="opportunities-table"
        expand={{ label: tm('reasons'), render: (o) => <FactorList factors={o.factors} /> }}
        rowProps={(o) => ({ 'data-requirement': o.requirementId })}
        columns={[
          {
            key: 'requirement',
            title: t('requirement'),
            render: (o) =>
              o.requirement ? (
                <Space direction="vertical" size={0}>
                  <Link to={`/supplier/requirements/${o.requirementId}`}>{o.requirement.title}</Link>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {name(o.requirement.organization)} · {locale === 'en-US' ? o.requirement.category.nameEn : o.requirement.category.nameZh}
                  </Typography.Text>
                </Space>
              ) : (
                '—'
              ),
          },
          { key: 'score', title: tm('score'), width: 220, render: (o) => <ScoreBar factors={o.factors} score={o.score} /> },
          { key: 'tier', title: t('yourPlant'), render: (o) => (
            <Space direction="vertical" size={0}>
              <span>{o.site?.name ?? '—'}</span>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                <TierLabel tier={o.tier} />
                {o.distanceKm !== null && ` · ${tm('km', { km: Math.round(o.distanceKm) })}`}
              </Typography.Text>
            </Space>
          ) },
          { key: 'volume', title: t('annualVolume'), align: 'right', wide: true, render: (o) => f.number(o.requirement?.annualVolume) },
          { key: 'target', title: t('target'), align: 'right', wide: true, render: (o) => f.money(o.requirement?.targetUnitPrice) },
          { key: 'deadline', title: t('deadline'), render: (o) => f.dateTime(o.requirement?.quoteDeadline) },
          { key: 'quote', title: '', render: (o) => <Link to={`/supplier/requirements/${o.requirementId}`}>{t('quote')}</Link> },
        ]}
      />
    </>
  );
}
