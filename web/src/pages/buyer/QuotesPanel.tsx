import { useRef, useState } from 'react';
import { App as AntApp, Button, Select, Space, Switch, Tag, Tooltip, Typography } from 'antd';
import { useMutation, useQuery } from 'urql';
import { BuyerAwardRequirementDocument, BuyerQuoteComparisonDocument } from './quotes.generated';
import type { BuyerQuoteComparisonQuery, QuoteSortKey } from '../../gql/graphql';
import { DataTable } from '../../components/DataTable';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { ImpactPp, TierLabel } from '../../components/MatchFactors';
import { matchingMessages } from '../../components/matching.messages';
import { useFormat } from '../../i18n/format';
import { useLocale } from '../../i18n/locale';
import { useT } from '../../i18n/messages';
import { quotesMessages } from './quotes.messages';

type ComparisonRow = BuyerQuoteComparisonQuery['quoteComparison']['rows'][number];
const SORT_KEYS: QuoteSortKey[] = ['PRICE', 'PRICE_VS_TARGET', 'TOTAL_VALUE', 'LEAD_TIME', 'LOCALITY', 'DISTANCE', 'MATCH_SCORE', 'IMPACT'];

/** A fresh key per award decision: a double click or a retry sends the same key, and the API answers the first award again. */
const newKey = () => (typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `award-${Date.now()}-${Math.random().toString(36).slice(2)}`);

/**
 * The quotes side by side (quoteComparison), sorted by the API on any of its keys, ineligible
 * quotes flagged with their reasons, each with its impact on the local rate; award with a
 * confirmation, idempotent under double clicks.
 */
export function QuotesPanel({ requirementId, open, onAwarded }: { requirementId: string; open: boolean; onAwarded: () => void }) {
  const t = useT(quotesMessages);
  const tm = useT(matchingMessages);
  const f = useFormat();
  const { locale } = useLocale();
  const { modal, message } = AntApp.useApp();
  const [sortBy, setSortBy] = useState<QuoteSortKey>('PRICE');
  const [reverse, setReverse] = useState(false);
  const [{ data, fetching, error }, refetch] = useQuery({ query: BuyerQuoteComparisonDocument, variables: { requirementId, sortBy, reverse } });
  const [awarding, award] = useMutation(BuyerAwardRequirementDocument);
  const inFlight = useRef(false);
  const comparison = data?.quoteComparison;

  const confirmAward = (row: ComparisonRow) => {
    const key = newKey();
    const supplier = locale === 'en-US' && row.quote.supplier.nameEn ? row.quote.supplier.nameEn : row.quote.supplier.legalName;
    modal.confirm({
      title: t('awardTitle', { supplier }),
      content: t('awardBody', { price: f.money(row.quote.unitPrice), volume: f.number(Math.min(row.quote.volume, comparison?.annualVolume ?? row.quote.volume)), total: f.money(row.totalValue) }),
      okText: t('awardOk'),
      cancelText: t('awardCancel'),
      okButtonProps: { id: 'confirm-award' },
      onOk: async () => {
        if (inFlight.current) return;
        inFlight.current = true;
        try {
          const result = await award({ input: { requirementId, idempotencyKey: key, lines: [{ quoteId: row.quote.id }] } });
          if (!result.error) {
            message.success(t('awarded'));
            refetch({ requestPolicy: 'network-only' });
            onAwarded();
          }
        } finally {
          inFlight.current = false;
        }
      },
    });
  };

  return (
    <>
      <ApiErrorAlert error={error ?? awarding.error} />
      <Space wrap style={{ marginBottom: 12 }}>
        <Select<QuoteSortKey> aria-label={t('sortBy')} value={sortBy} onChange={setSortBy} style={{ minWidth: 160 }} options={SORT_KEYS.map((k) => ({ value: k, label: t(`sort_${k}`) }))} data-testid="quote-sort" />
        <Space>
          <Switch checked={reverse} onChange={setReverse} aria-label={t('reverse')} id="quote-reverse" />
          <label htmlFor="quote-reverse">{t('reverse')}</label>
        </Space>
      </Space>
      {comparison && (
        <Typography.Paragraph type="secondary">
          {t('target', { price: f.money(comparison.targetUnitPrice), volume: f.number(comparison.annualVolume) })} · {t('local', { local: f.moneyShort(comparison.localValueThisYear), total: f.moneyShort(comparison.totalValueThisYear) })}
        </Typography.Paragraph>
      )}
      <DataTable<ComparisonRow>
        rowKey={(r) => r.quote.id}
        loading={fetching}
        rows={comparison?.rows ?? []}
        minWidth={1100}
        empty={t('none')}
        data-testid="quotes-table"
        rowProps={(r) => ({ 'data-quote': r.quote.id, 'data-supplier': r.quote.supplierId, 'data-eligible': String(r.eligible) })}
        columns={[
          {
            title: t('supplier'),
            key: 'supplier',
            render: (r) => (
              <Space direction="vertical" size={0}>
                <span>{locale === 'en-US' && r.quote.supplier.nameEn ? r.quote.supplier.nameEn : r.quote.supplier.legalName}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {r.quote.site.name}
                </Typography.Text>
              </Space>
            ),
          },
          { title: t('unitPrice'), key: 'price', align: 'right', render: (r) => f.money(r.quote.unitPrice) },
          {
            title: t('vsTarget'),
            key: 'vs',
            align: 'right',
            render: (r) => (r.priceVsTargetPct === null ? '—' : <span className={Number(r.priceVsTargetPct) <= 0 ? 'zlt-impact-up' : 'zlt-impact-down'}>{`${Number(r.priceVsTargetPct) > 0 ? '+' : ''}${Number(r.priceVsTargetPct).toFixed(1)}%`}</span>),
          },
          { title: t('volume'), key: 'volume', align: 'right', render: (r) => f.number(r.quote.volume) },
          { title: t('totalValue'), key: 'total', align: 'right', render: (r) => f.money(r.totalValue) },
          { title: t('leadTime'), key: 'lead', align: 'right', render: (r) => t('days', { days: r.leadTimeDays }) },
          { title: tm('score'), key: 'score', align: 'right', render: (r) => (r.matchScore === null ? '—' : r.matchScore.toFixed(1)) },
          { title: t('sort_LOCALITY'), key: 'tier', render: (r) => <TierLabel tier={r.tier} /> },
          { title: tm('impactShort'), key: 'impact', align: 'right', render: (r) => <ImpactPp value={r.impactPp} /> },
          {
            title: t('eligibility'),
            key: 'eligible',
            render: (r) =>
              r.eligible === false ? (
                <Tooltip title={r.failures.map((x) => x.reason).join('；')}>
                  <Tag color="red" tabIndex={0} data-ineligible="true">
                    {tm('ineligible')}
                  </Tag>
                </Tooltip>
              ) : (
                <Space size={4} wrap>
                  <Tag color="green">{tm('eligible')}</Tag>
                  {r.invited && <Tag color="blue">{t('invited')}</Tag>}
                </Space>
              ),
          },
          { title: t('status'), key: 'status', render: (r) => t(`quoteStatus_${r.quote.status}`) },
          {
            title: t('award'),
            key: 'award',
            render: (r) =>
              open && r.quote.status === 'SUBMITTED' ? (
                r.eligible === false ? (
                  <Tooltip title={t('ineligibleNoAward')}>
                    <Button size="small" disabled>
                      {t('award')}
                    </Button>
                  </Tooltip>
                ) : (
                  <Button size="small" type="primary" onClick={() => confirmAward(r)} loading={awarding.fetching} data-award={r.quote.id}>
                    {t('award')}
                  </Button>
                )
              ) : null,
          },
        ]}
      />
    </>
  );
}
