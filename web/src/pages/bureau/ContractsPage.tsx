import { Button, Space, Spin, Tag } from 'antd';
import { useState } from 'react';
import { useQuery } from 'urql';
import { PageHeader } from '../../components/PageHeader';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { useT } from '../../i18n/messages';
import { useFormat } from '../../i18n/format';
import { useLocale } from '../../i18n/locale';
import { useLocation } from '../../app/router';
import { BureauContractsDocument } from './bureau.generated';
import type { BureauContractsQuery } from '../../gql/graphql';
import { bureauMessages } from './bureau.messages';
import { YearPicker, useScope } from './scope';
import { DataTable } from './charts';

type Node = BureauContractsQuery['sourcingContracts']['edges'][number]['node'];

/** The contracts behind any figure: the filter comes from the bar or row clicked (?area=, ?categoryCode=, ?focusArea=, ?local=, ?quarter=). */
export default function ContractsPage() {
  const t = useT(bureauMessages);
  const f = useFormat();
  const { locale } = useLocale();
  const { region, year } = useScope();
  const { search } = useLocation();
  const quarter = search.get('quarter');
  const local = search.get('local');
  const filter = {
    ...(search.get('area') ? { area: search.get('area') } : {}),
    ...(search.get('categoryCode') ? { categoryCode: search.get('categoryCode') } : {}),
    ...(search.get('focusArea') ? { focusArea: search.get('focusArea') } : {}),
    ...(local ? { local: local === 'true' } : {}),
  };
  const period = quarter ? { startYear: year, startQuarter: Number(quarter), endQuarter: Number(quarter) } : { startYear: year };
  const [after, setAfter] = useState<string | null>(null);
  const [{ data, fetching, error }] = useQuery({ query: BureauContractsDocument, variables: { region: region ?? '', period, filter, first: 50, after }, pause: !region });
  const page = data?.sourcingContracts;
  return (
    <>
      <PageHeader title={t('contractsTitle')} sub={page ? t('totalCount', { count: page.totalCount }) : undefined} extra={<YearPicker />} />
      <Space wrap style={{ marginBottom: 12 }}>
        {quarter && <Tag>{`${year}Q${quarter}`}</Tag>}
        {filter.area && <Tag>{t('filterArea', { code: filter.area })}</Tag>}
        {filter.categoryCode && <Tag>{t('filterCategory', { code: filter.categoryCode })}</Tag>}
        {filter.focusArea && <Tag>{t('filterFocus', { code: filter.focusArea })}</Tag>}
        {local && <Tag>{local === 'true' ? t('filterLocal') : t('filterNonLocal')}</Tag>}
      </Space>
      {error && <ApiErrorAlert error={error} />}
      {fetching && !page && <Spin />}
      <DataTable<Node>
        rows={page?.edges.map((e) => e.node) ?? []} rowKey={(c) => c.id} label={t('contractsTitle')} testId="contracts-table"
        columns={[
          { title: t('signed'), render: (c) => f.date(c.signedDate) },
          { title: t('buyer'), render: (c) => c.buyerName },
          { title: t('supplier'), render: (c) => c.supplierName },
          { title: t('category'), render: (c) => (locale === 'en-US' ? c.categoryNameEn : c.categoryNameZh) },
          { title: t('value'), align: 'right', render: (c) => f.money(c.countedValue) },
          { title: t('isLocal'), render: (c) => (c.local ? t('yes') : t('no')) },
          { title: t('status'), render: (c) => c.status },
        ]}
      />
      {page?.pageInfo.hasNextPage && <Button style={{ marginTop: 12 }} onClick={() => setAfter(page.pageInfo.endCursor ?? null)}>{t('more')}</Button>}
    </>
  );
}
