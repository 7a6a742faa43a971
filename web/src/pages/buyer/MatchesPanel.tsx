import { useEffect, useMemo, useState } from 'react';
import { App as AntApp, Alert, Button, Col, Row, Select, Space, Tag, Typography } from 'antd';
import { useMutation, useQuery } from 'urql';
import { BuyerExplainMatchDocument, BuyerInviteSuppliersDocument, BuyerMatchesDocument, BuyerSupplierSearchDocument } from './matches.generated';
import type { MatchRowFragment } from '../../gql/graphql';
import { DataTable } from '../../components/DataTable';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { FactorList, ImpactPp, ScoreBar, TierLabel } from '../../components/MatchFactors';
import { matchingMessages } from '../../components/matching.messages';
import { DEFAULT_WEIGHTS, FACTORS, WEIGHT_BOUNDS, rebalance, type Weights } from '../../components/weights';
import { useT } from '../../i18n/messages';
import { matchesMessages } from './matches.messages';

/** Waits until `value` has been still for `ms` before passing it on (sliders re-rank when the hand stops). */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

function ExplainSupplier({ requirementId, weights }: { requirementId: string; weights: Weights }) {
  const t = useT(matchesMessages);
  const tm = useT(matchingMessages);
  const [text, setText] = useState('');
  const [supplierId, setSupplierId] = useState<string | null>(null);
  const query = useSettled(text, 250);
  const [found] = useQuery({ query: BuyerSupplierSearchDocument, variables: { query }, pause: query.trim().length === 0 });
  const [explained] = useQuery({ query: BuyerExplainMatchDocument, variables: { requirementId, supplierId: supplierId ?? '', weights }, pause: !supplierId });
  const match = explained.data?.explainMatch;
  return (
    <section className="zlt-panel" style={{ marginTop: 16 }}>
      <h2 className="zlt-panel-title">{t('explain')}</h2>
      <Select
        showSearch={{ filterOption: false, onSearch: setText }}
        aria-label={t('explainSearch')}
        placeholder={t('explainSearch')}
        style={{ width: '100%', maxWidth: 480 }}
        value={supplierId ?? undefined}
        onChange={setSupplierId}
        loading={found.fetching}
        options={(found.data?.searchSuppliers.edges ?? []).map((e) => ({ value: e.node.id, label: e.node.name }))}
        data-testid="explain-supplier"
      />
      <ApiErrorAlert error={explained.error} />
      {match && (
        <div style={{ marginTop: 12 }} data-testid="explanation">
          <Space wrap style={{ marginBottom: 8 }}>
            <Typography.Text strong>{match.supplierName}</Typography.Text>
            {match.eligible ? <Tag color="green">{tm('eligible')}</Tag> : <Tag color="red">{tm('ineligible')}</Tag>}
            <TierLabel tier={match.tier} />
            <ImpactPp value={match.impactPp} />
          </Space>
          {match.failures.length > 0 && (
            <Alert type="warning" showIcon title={t('explainFailures')} description={match.failures.map((f) => f.reason).join('；')} style={{ marginBottom: 8 }} />
          )}
          <ScoreBar factors={match.factors} score={match.score} />
          <div style={{ marginTop: 8 }}>
            <FactorList factors={match.factors} />
          </div>
        </div>
      )}
    </section>
  );
}

/**
 * The ranked, explained matches of a requirement: tier, distance, the score as five factor
 * bars with their reasons, the impact on the buyer's local rate; weight sliders re-rank live;
 * eligible suppliers can be invited to quote.
 */
export function MatchesPanel({ requirementId, open, savedWeights }: { requirementId: string; open: boolean; savedWeights: Partial<Record<keyof Weights, number | null>> | null }) {
  const t = useT(matchesMessages);
  const tm = useT(matchingMessages);
  const { message } = AntApp.useApp();
  const initial = useMemo<Weights>(() => {
    const merged = { ...DEFAULT_WEIGHTS };
    for (const factor of FACTORS) if (typeof savedWeights?.[factor] === 'number') merged[factor] = savedWeights[factor] as number;
    return merged;
  }, [savedWeights]);
  const [weights, setWeights] = useState<Weights>(initial);
  const settled = useSettled(weights, 200);
  const [selected, setSelected] = useState<string[]>([]);
  const [{ data, fetching, error }, refetch] = useQuery({ query: BuyerMatchesDocument, variables: { requirementId, weights: settled, first: 50 } });
  const [inviting, invite] = useMutation(BuyerInviteSuppliersDocument);
  const invited = new Set((data?.quoteInvitations ?? []).map((i) => i.supplierId));
  const rows = data?.matchesForRequirement.edges.map((e) => e.node) ?? [];

  const sendInvites = async () => {
    const result = await invite({ input: { requirementId, supplierIds: selected } });
    if (!result.error) {
      message.success(t('invitedDone', { count: selected.length }));
      setSelected([]);
      refetch({ requestPolicy: 'network-only' });
    }
  };

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={7}>
        <section className="zlt-panel">
          <h2 className="zlt-panel-title">{t('weights')}</h2>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            {t('weightsHelp')}
          </Typography.Paragraph>
          {FACTORS.map((factor) => (
            <div key={factor}>
              <label htmlFor={`weight-${factor}`} style={{ display: 'flex', justifyContent: 'space-between' }}>
                <span>{tm(`factor_${factor}`)}</span>
                <span>{Math.round(weights[factor] * 100)}%</span>
              </label>
              <input
                type="range"
                className="zlt-range"
                id={`weight-${factor}`}
                min={WEIGHT_BOUNDS[factor].min}
                max={WEIGHT_BOUNDS[factor].max}
                step={0.01}
                value={weights[factor]}
                onChange={(event) => {
                  const value = Number(event.target.value);
                  setWeights((w) => rebalance(w, factor, value));
                }}
                aria-valuetext={`${Math.round(weights[factor] * 100)}%`}
                data-weight={factor}
              />
            </div>
          ))}
          <Button size="small" onClick={() => setWeights(initial)}>
            {t('resetWeights')}
          </Button>
        </section>
      </Col>
      <Col xs={24} xl={17}>
        <ApiErrorAlert error={error ?? inviting.error} />
        <Space wrap style={{ marginBottom: 12 }}>
          <Button type="primary" disabled={!open || selected.length === 0} loading={inviting.fetching} onClick={sendInvites} id="invite-suppliers">
            {t('invite', { count: selected.length })}
          </Button>
          {!open && <Typography.Text type="secondary">{t('notOpen')}</Typography.Text>}
          {data && <Typography.Text type="secondary">{t('total', { count: data.matchesForRequirement.totalCount })}</Typography.Text>}
        </Space>
        <DataTable<MatchRowFragment>
          rowKey={(r) => r.supplierId}
          loading={fetching}
          rows={rows}
            minWidth={860}
          empty={t('none')}
          data-testid="matches-table"
          selection={
            open
              ? { selected, onChange: setSelected, label: (r) => r.supplierName, selectable: (r) => r.eligible && !invited.has(r.supplierId) }
              : undefined
          }
          expand={{ render: (r) => <FactorList factors={r.factors} />, label: t('why') }}
          rowProps={(r) => ({ 'data-supplier': r.supplierId, 'data-tier': r.tier ?? '' })}
          columns={[
            { title: t('rank'), key: 'rank', width: 64, render: (_, i) => i + 1 },
            {
              title: t('supplier'),
              key: 'supplier',
              render: (r) => (
                <Space direction="vertical" size={0}>
                  <span className="zlt-supplier-name">{r.supplierName}</span>
                  {invited.has(r.supplierId) && <Tag color="blue">{t('invited')}</Tag>}
                </Space>
              ),
            },
            { title: t('tier'), key: 'tier', render: (r) => <TierLabel tier={r.tier} /> },
            { title: t('distance'), key: 'distance', align: 'right', render: (r) => (r.distanceKm === null ? '—' : tm('km', { km: Math.round(r.distanceKm) })) },
            { title: tm('score'), key: 'score', width: 220, render: (r) => <ScoreBar factors={r.factors} score={r.score} /> },
            { title: tm('impactShort'), key: 'impact', align: 'right', render: (r) => <ImpactPp value={r.impactPp} /> },
            { title: t('plant'), key: 'plant', wide: true, render: (r) => r.site?.name ?? '—' },
          ]}
        />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {tm('impactShort')}: {tm('impact')}
        </Typography.Text>
        <ExplainSupplier requirementId={requirementId} weights={settled} />
      </Col>
    </Row>
  );
}
