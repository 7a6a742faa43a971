import { useState } from 'react';
import { Button, Select, Space, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from 'urql';
import { BuyerReferenceDataDocument, BuyerRequirementsDocument } from './requirements.generated';
import type { BuyerRequirementsQuery, RequirementStatus } from '../../gql/graphql';
import { Link, navigate, useLocation } from '../../app/router';
import { DataTable } from '../../components/DataTable';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { useFormat } from '../../i18n/format';
import { useLocale } from '../../i18n/locale';
import { useT } from '../../i18n/messages';
import { requirementMessages } from './requirements.messages';
import { REQUIREMENT_STATUSES, RequirementStatusTag } from './status';

type Row = BuyerRequirementsQuery['myRequirements']['edges'][number]['node'];

/** The buyer's requirements, filtered by status, category and plant (kept in the URL), newest first. */
export default function RequirementsPage() {
  const t = useT(requirementMessages);
  const f = useFormat();
  const { locale } = useLocale();
  const { search, pathname } = useLocation();
  const status = search.get('status') as RequirementStatus | null;
  const categoryCode = search.get('category');
  const deliverySiteId = search.get('plant');
  const [first, setFirst] = useState(50);
  const [reference] = useQuery({ query: BuyerReferenceDataDocument, requestPolicy: 'cache-first' });
  const [{ data, fetching, error }] = useQuery({
    query: BuyerRequirementsDocument,
    variables: { first, filter: { ...(status ? { status: [status] } : {}), ...(categoryCode ? { categoryCode } : {}), ...(deliverySiteId ? { deliverySiteId } : {}) } },
  });

  const setFilter = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(search);
    if (value) next.set(key, value);
    else next.delete(key);
    const query = next.toString();
    navigate(`${pathname}${query ? `?${query}` : ''}`, { replace: true });
  };
  const categories = (reference.data?.partCategories ?? []).filter((c) => c.parentCode);
  const sites = reference.data?.me.organization.sites ?? [];
  const connection = data?.myRequirements;

  return (
    <>
      <PageHeader
        title={t('title')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/buyer/requirements/new')} id="new-requirement">
            {t('new')}
          </Button>
        }
      />
      <ApiErrorAlert error={error} />
      <Space wrap style={{ marginBottom: 16 }}>
        <Select<string>
          aria-label={t('status')}
          style={{ minWidth: 150 }}
          allowClear
          placeholder={t('allStatuses')}
          value={status ?? undefined}
          onChange={(value) => setFilter('status', value)}
          options={REQUIREMENT_STATUSES.map((s) => ({ value: s, label: t(`status${s}`) }))}
        />
        <Select<string>
          aria-label={t('category')}
          style={{ minWidth: 220 }}
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('allCategories')}
          value={categoryCode ?? undefined}
          onChange={(value) => setFilter('category', value)}
          options={categories.map((c) => ({ value: c.code, label: locale === 'en-US' ? c.nameEn : c.nameZh }))}
        />
        <Select<string>
          aria-label={t('plant')}
          style={{ minWidth: 180 }}
          allowClear
          placeholder={t('allPlants')}
          value={deliverySiteId ?? undefined}
          onChange={(value) => setFilter('plant', value)}
          options={sites.map((s) => ({ value: s.id, label: s.name }))}
        />
      </Space>
      <DataTable<Row>
        rowKey={(r) => r.id}
        loading={fetching}
        rows={connection?.edges.map((e) => e.node) ?? []}
        minWidth={900}
        empty={t('empty')}
        data-testid="requirements-table"
        columns={[
          {
            title: t('colTitle'),
            key: 'title',
            render: (r) => (
              <Space direction="vertical" size={0}>
                <Link to={`/buyer/requirements/${r.id}`} data-requirement={r.id}>
                  {r.title}
                </Link>
                <Typography.Text type="secondary">{locale === 'en-US' ? r.category.nameEn : r.category.nameZh}</Typography.Text>
              </Space>
            ),
          },
          { title: t('status'), key: 'status', render: (r) => <RequirementStatusTag status={r.status} /> },
          { title: t('plant'), key: 'plant', render: (r) => r.deliverySite.name },
          { title: t('annualVolume'), key: 'volume', align: 'right', render: (r) => f.number(r.annualVolume) },
          { title: t('targetUnitPrice'), key: 'price', align: 'right', render: (r) => f.money(r.targetUnitPrice) },
          { title: t('sopDate'), key: 'sop', render: (r) => f.date(r.sopDate) },
          { title: t('quoteDeadline'), key: 'deadline', render: (r) => f.dateTime(r.quoteDeadline) },
        ]}
      />
      {connection && (
        <Space style={{ marginTop: 12 }}>
          <Typography.Text type="secondary">{t('total', { count: connection.totalCount })}</Typography.Text>
          {connection.pageInfo.hasNextPage && <Button onClick={() => setFirst(first + 50)}>+50</Button>}
        </Space>
      )}
    </>
  );
}
