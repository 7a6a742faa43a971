import { Spin, Typography } from 'antd';
import { useQuery } from 'urql';
import { PageHeader } from '../../components/PageHeader';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { useT } from '../../i18n/messages';
import { useFormat } from '../../i18n/format';
import { useLocale } from '../../i18n/locale';
import { BureauLeadsDocument } from './bureau.generated';
import type { BureauLeadsQuery } from '../../gql/graphql';
import { bureauMessages } from './bureau.messages';
import { useScope } from './scope';
import { DataTable } from './charts';

type Gap = BureauLeadsQuery['demandGaps'][number];

/** Demand gaps as investment leads, with the nearest qualified suppliers outside the province (one line per supplier). */
export default function LeadsPage() {
  const t = useT(bureauMessages);
  const f = useFormat();
  const { locale } = useLocale();
  const { region } = useScope();
  const [{ data, fetching, error }] = useQuery({ query: BureauLeadsDocument, variables: { region: region ?? '' }, pause: !region });
  return (
    <>
      <PageHeader title={t('leadsTitle')} sub={t('leadsHint')} />
      {error && <ApiErrorAlert error={error} />}
      {fetching && !data && <Spin />}
      <DataTable<Gap>
        rows={data?.demandGaps ?? []} rowKey={(g) => g.categoryCode} label={t('leadsTitle')} testId="leads-table"
        columns={[
          { title: t('category'), render: (g) => (locale === 'en-US' ? g.nameEn : g.nameZh) },
          { title: t('requirements'), align: 'right', render: (g) => g.requirements },
          { title: t('oems'), align: 'right', render: (g) => g.oems },
          { title: t('annualValue'), align: 'right', render: (g) => f.money(g.demandedAnnualValue) },
          {
            title: t('nearest'),
            render: (g) => (
              <ul style={{ margin: 0, paddingLeft: 16 }}>
                {g.nearestOutside.map((s) => (
                  <li key={s.supplierId}>
                    <Typography.Text>{s.supplierName}</Typography.Text>{' '}
                    <Typography.Text type="secondary">{`${s.siteName} · ${s.regionName ?? s.countryCode} · ${t('distance', { km: s.distanceKm })}`}</Typography.Text>
                  </li>
                ))}
              </ul>
            ),
          },
        ]}
      />
    </>
  );
}
