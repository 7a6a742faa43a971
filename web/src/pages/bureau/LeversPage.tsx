import { useMemo, useState } from 'react';
import { Alert, Button, Card, Checkbox, Col, Form, Input, Row, Space, Spin, Statistic, Typography } from 'antd';
import { useMutation, useQuery } from 'urql';
import { PageHeader } from '../../components/PageHeader';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { useT } from '../../i18n/messages';
import { useFormat } from '../../i18n/format';
import { useLocale } from '../../i18n/locale';
import { Link } from '../../app/router';
import { apiProblem, showFieldErrors, type FieldProblem } from '../../app/api-errors';
import { BureauDeleteScenarioDocument, BureauLeversDocument, BureauSaveScenarioDocument, BureauScenarioDocument, BureauScenariosDocument } from './bureau.generated';
import type { SourcingLeverKind, BureauLeversQuery } from '../../gql/graphql';
import { bureauMessages } from './bureau.messages';
import { YearPicker, pct, useScope } from './scope';
import { DataTable } from './charts';

type Item = BureauLeversQuery['sourcingLevers']['levers'][number]['items'][number];
const ppText = (value: string | null | undefined) => (value === null || value === undefined ? '—' : Number(value).toFixed(2));

/** The three levers in pp, their items with drill-down, and the scenario built from them (saved per bureau). */
export default function LeversPage() {
  const t = useT(bureauMessages);
  const f = useFormat();
  const { locale } = useLocale();
  const { region, year, query } = useScope();
  const period = { startYear: year };
  const [{ data, fetching, error }] = useQuery({ query: BureauLeversDocument, variables: { region: region ?? '', period }, pause: !region });
  const levers = data?.sourcingLevers;
  const [pickedLevers, setPickedLevers] = useState<SourcingLeverKind[]>([]);
  const [pickedItems, setPickedItems] = useState<Record<string, SourcingLeverKind>>({});
  const pick = useMemo(() => ({
    levers: pickedLevers,
    requirementIds: Object.keys(pickedItems).filter((id) => pickedItems[id] === 'OPEN_REQUIREMENTS'),
    categoryCodes: Object.keys(pickedItems).filter((id) => pickedItems[id] === 'DEMAND_GAPS'),
    contractIds: Object.keys(pickedItems).filter((id) => pickedItems[id] === 'RENEWALS'),
  }), [pickedLevers, pickedItems]);
  const empty = pick.levers.length + pick.requirementIds.length + pick.categoryCodes.length + pick.contractIds.length === 0;
  const [{ data: scenarioData, error: scenarioError }] = useQuery({ query: BureauScenarioDocument, variables: { region: region ?? '', period, pick }, pause: !region || empty });
  const scenario = empty ? null : scenarioData?.sourcingScenario;
  const [{ data: savedData }, refetchSaved] = useQuery({ query: BureauScenariosDocument });
  const [saving, save] = useMutation(BureauSaveScenarioDocument);
  const [, remove] = useMutation(BureauDeleteScenarioDocument);
  const [form] = Form.useForm();
  const [leftover, setLeftover] = useState<FieldProblem[]>([]);

  const itemLink = (item: Item) => {
    if (item.kind === 'DEMAND_GAPS') return <Link to={`/bureau/leads?${query()}`}>{locale === 'en-US' ? item.categoryNameEn : item.categoryNameZh}</Link>;
    if (item.kind === 'RENEWALS') return <Link to={`/bureau/contracts?${query({ categoryCode: item.categoryCode, local: 'false' })}`}>{`${item.buyerName} ← ${item.supplierName} · ${f.date(item.endDate)}`}</Link>;
    return <Link to={`/bureau/contracts?${query({ categoryCode: item.categoryCode })}`}>{`${item.title} · ${item.buyerName}`}</Link>;
  };

  const saveScenario = async (values: { name: string }) => {
    const result = await save({ input: { regionCode: region ?? '', name: values.name, ...pick } });
    const problem = apiProblem(result.error);
    if (problem) setLeftover(showFieldErrors(form, problem, locale));
    else refetchSaved({ requestPolicy: 'network-only' });
  };

  return (
    <>
      <PageHeader title={t('leversTitle')} extra={<YearPicker />} />
      {error && <ApiErrorAlert error={error} />}
      {levers && (
        <Row gutter={[16, 16]}>
          <Col xs={24}>
            <Alert type="info" showIcon message={levers.valueDefinition} />
          </Col>
          <Col xs={24} md={8}><Card><Statistic title={t('rate')} value={levers.rate === null ? '—' : `${pct(levers.rate)} %`} /></Card></Col>
          <Col xs={24} md={8}><Card><Statistic title={t('target')} value={levers.targetRate === null ? '—' : `${pct(levers.targetRate)} %`} /></Card></Col>
          <Col xs={24} md={8}><Card><Statistic title={t('allLevers')} value={levers.allPp === null ? '—' : t('addsPp', { value: ppText(levers.allPp) })} /></Card></Col>
          {levers.levers.map((lever) => (
            <Col xs={24} key={lever.kind}>
              <Card
                data-testid={`lever-${lever.kind}`}
                title={<Checkbox checked={pickedLevers.includes(lever.kind)} onChange={(e) => setPickedLevers(e.target.checked ? [...pickedLevers, lever.kind] : pickedLevers.filter((k) => k !== lever.kind))}>{t(`lever${lever.kind}`)}</Checkbox>}
                extra={<Space><span>{t('items', { count: lever.itemCount })}</span><span>{f.moneyShort(lever.value)}</span><strong>{lever.pp === null ? '—' : t('addsPp', { value: ppText(lever.pp) })}</strong></Space>}
              >
                <DataTable<Item>
                  rows={lever.items} rowKey={(item) => item.id} label={t(`lever${lever.kind}`)}
                  columns={[
                    {
                      title: '✓',
                      render: (item) => (
                        <Checkbox aria-label={`${t('scenario')}: ${item.id}`} checked={item.id in pickedItems} onChange={(e) => {
                          const next = { ...pickedItems };
                          if (e.target.checked) next[item.id] = item.kind;
                          else delete next[item.id];
                          setPickedItems(next);
                        }} />
                      ),
                    },
                    { title: t('category'), render: (item) => itemLink(item) },
                    { title: t('value'), align: 'right', render: (item) => f.money(item.value) },
                    { title: 'pp', align: 'right', render: (item) => ppText(item.pp) },
                    ...(lever.kind === 'DEMAND_GAPS' ? [{ title: t('nearest'), render: (item: Item) => item.nearestOutside.map((s) => `${s.supplierName} (${t('distance', { km: s.distanceKm })})`).join('；') }] : []),
                  ]}
                />
              </Card>
            </Col>
          ))}
          <Col xs={24} md={12}>
            <Card title={t('scenario')} data-testid="scenario">
              <Typography.Paragraph type="secondary">{t('scenarioHint')}</Typography.Paragraph>
              {scenarioError && <ApiErrorAlert error={scenarioError} />}
              {scenario && (
                <Space direction="vertical">
                  <Statistic title={t('projected')} value={scenario.projectedRate === null ? '—' : `${pct(scenario.projectedRate)} %`} data-testid="scenario-projected" />
                  <Typography.Text>{t('addsPp', { value: ppText(scenario.pp) })} · {f.money(scenario.value)}</Typography.Text>
                  {scenario.meetsTarget === true && <Alert type="success" showIcon message={t('meets')} />}
                  {scenario.meetsTarget === false && <Alert type="warning" showIcon message={t('short', { value: ppText(scenario.ppShortOfTarget) })} />}
                </Space>
              )}
              <Form form={form} layout="inline" name="scenario" onFinish={saveScenario} style={{ marginTop: 12 }}>
                <Form.Item name="name" label={t('scenarioName')} rules={[{ required: true }]}><Input maxLength={100} /></Form.Item>
                <Form.Item><Button htmlType="submit" disabled={empty} loading={saving.fetching}>{t('saveScenario')}</Button></Form.Item>
              </Form>
              <ApiErrorAlert error={saving.error} leftover={leftover} />
            </Card>
          </Col>
          <Col xs={24} md={12}>
            <Card title={t('savedScenarios')}>
              <ul style={{ margin: 0, paddingLeft: 16 }} data-testid="saved-scenarios">
                {(savedData?.sourcingScenarios ?? []).map((s) => (
                  <li key={s.id} style={{ marginBottom: 6 }}>
                    <Space wrap>
                      <span>{`${s.name} · ${s.regionCode}`}</span>
                      <Button size="small" onClick={() => {
                        setPickedLevers(s.levers);
                        setPickedItems(Object.fromEntries([
                          ...s.requirementIds.map((id) => [id, 'OPEN_REQUIREMENTS']),
                          ...s.categoryCodes.map((id) => [id, 'DEMAND_GAPS']),
                          ...s.contractIds.map((id) => [id, 'RENEWALS']),
                        ]));
                      }}>{t('load')}</Button>
                      <Button size="small" danger onClick={async () => { await remove({ id: s.id }); refetchSaved({ requestPolicy: 'network-only' }); }}>{t('delete')}</Button>
                    </Space>
                  </li>
                ))}
              </ul>
            </Card>
          </Col>
        </Row>
      )}
      {fetching && !levers && <Spin />}
    </>
  );
}
