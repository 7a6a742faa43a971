import { useState } from 'react';
import { Alert, Button, Card, Col, Form, InputNumber, Row, Spin, Statistic, Typography } from 'antd';
import { useMutation, useQuery } from 'urql';
import { PageHeader } from '../../components/PageHeader';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { useT } from '../../i18n/messages';
import { useFormat } from '../../i18n/format';
import { useLocale } from '../../i18n/locale';
import { Link } from '../../app/router';
import { apiProblem, showFieldErrors, type FieldProblem } from '../../app/api-errors';
import { BureauRateDocument, BureauSetBaselineDocument } from './bureau.generated';
import type { BureauRateQuery } from '../../gql/graphql';
import { bureauMessages } from './bureau.messages';
import { DataTable, Gauge, HBars, LineChart } from './charts';
import { YearPicker, pct, useScope } from './scope';

type Row = BureauRateQuery['localSourcingRate']['byCity'][number];
const num = (rate: string | null | undefined) => (rate === null || rate === undefined ? null : Number(pct(rate)));

/** The bureau's main page: the rate against baseline and target, its quarters, cities (counties), focus areas and categories, each bar and row leading to its contracts. */
export default function BureauHomePage() {
  const t = useT(bureauMessages);
  const f = useFormat();
  const { locale } = useLocale();
  const en = locale === 'en-US';
  const { region, year, query } = useScope();
  const [{ data, fetching, error }, refetch] = useQuery({ query: BureauRateDocument, variables: { region: region ?? '', period: { startYear: year } }, pause: !region });
  const [{ data: trendData }, refetchTrend] = useQuery({ query: BureauRateDocument, variables: { region: region ?? '', period: { startYear: year - 2, endYear: year } }, pause: !region });
  const rate = data?.localSourcingRate;
  const target = rate?.target;
  const name = (r: { key: string; nameZh?: string | null; nameEn?: string | null }) => (en ? r.nameEn || r.nameZh || r.key : r.nameZh || r.key);
  const drill = (filter: Record<string, string>) => `/bureau/contracts?${query(filter)}`;
  const bars = (rows: readonly Row[], key: string) => rows.map((r) => ({ key: r.key, label: name(r), value: num(r.rate), href: drill({ [key]: r.key }) }));

  const [baselineState, setBaseline] = useMutation(BureauSetBaselineDocument);
  const [form] = Form.useForm();
  const [leftover, setLeftover] = useState<FieldProblem[]>([]);
  const saveBaseline = async (values: { baselineYear: number; targetIncreasePp: number }) => {
    setLeftover([]);
    const result = await setBaseline({ input: { regionCode: region ?? '', baselineYear: values.baselineYear, targetIncreasePp: String(values.targetIncreasePp) } });
    const problem = apiProblem(result.error);
    if (problem) setLeftover(showFieldErrors(form, problem, locale));
    else {
      refetch({ requestPolicy: 'network-only' });
      refetchTrend({ requestPolicy: 'network-only' });
    }
  };

  const table = (rows: readonly Row[], key: string, label: string) => (
    <DataTable<Row>
      rows={rows} rowKey={(r) => r.key} label={label}
      columns={[
        { title: t('region'), render: (r) => <Link to={drill({ [key]: r.key })}>{name(r)}</Link> },
        { title: t('rate'), align: 'right', render: (r) => (r.rate === null ? '—' : `${pct(r.rate)} %`) },
        { title: t('local'), align: 'right', render: (r) => <Link to={drill({ [key]: r.key, local: 'true' })}>{f.moneyShort(r.numerator)}</Link> },
        { title: t('total'), align: 'right', render: (r) => f.moneyShort(r.denominator) },
        { title: t('contracts'), align: 'right', render: (r) => r.contracts },
      ]}
    />
  );
  const quarters = trendData?.localSourcingRate.byQuarter ?? [];

  return (
    <>
      <PageHeader title={t('homeTitle')} sub={rate ? `${en ? rate.regionNameEn || rate.regionName : rate.regionName} · ${rate.period.label}` : undefined} extra={<YearPicker />} />
      {error && <ApiErrorAlert error={error} />}
      {fetching && !rate && <Spin />}
      {rate && (
        <Row gutter={[16, 16]}>
          <Col xs={24} md={10}>
            <Card title={t('rate')} data-testid="rate-card">
              {rate.rate === null
                ? <Alert type="info" showIcon message={t('noData')} data-testid="no-data" />
                : <Gauge value={Number(pct(rate.rate))} target={num(target?.targetRate)} label={`${t('rate')} ${pct(rate.rate)} %`} />}
              <Typography.Paragraph style={{ textAlign: 'center', margin: 0 }}>
                <span data-testid="rate-value">{rate.rate === null ? '—' : `${pct(rate.rate)} %`}</span>
                {' · '}<Link to={drill({ local: 'true' })}>{f.moneyShort(rate.numerator)}</Link>{' / '}<Link to={drill({})}>{f.moneyShort(rate.denominator)}</Link>
              </Typography.Paragraph>
            </Card>
          </Col>
          <Col xs={24} md={14}>
            <Card title={t('target')}>
              {!target && <Alert type="info" showIcon message={t('noTarget')} />}
              {target && (
                <Row gutter={[8, 8]}>
                  <Col xs={12} md={8}><Statistic title={`${t('baseline')} ${target.baselineYear}`} value={target.baselineRate === null ? '—' : `${pct(target.baselineRate)} %`} /></Col>
                  <Col xs={12} md={8}><Statistic title={t('target')} value={target.targetRate === null ? '—' : `${pct(target.targetRate)} %`} /></Col>
                  <Col xs={12} md={8}><Statistic title={t('change')} value={target.changePp === null ? '—' : t('pp', { value: Number(target.changePp).toFixed(2) })} /></Col>
                  <Col xs={12} md={8}><Statistic title={t('progress')} value={target.progress === null ? '—' : `${pct(target.progress, 0)} %`} /></Col>
                  {/* Without purchases nothing is "needed" (issue 17: not "¥0.00"). */}
                  <Col xs={24} md={16}><Statistic title={t('needed')} value={rate.rate === null || target.additionalLocalNeeded === null ? '—' : f.money(target.additionalLocalNeeded)} /></Col>
                </Row>
              )}
              <Form form={form} layout="inline" name="baseline" onFinish={saveBaseline} initialValues={{ baselineYear: target?.baselineYear ?? year - 1, targetIncreasePp: Number(target?.targetIncreasePp ?? 10) }} style={{ marginTop: 16, rowGap: 8 }}>
                <Form.Item name="baselineYear" label={t('baselineYear')} rules={[{ required: true }]}><InputNumber min={2000} max={2100} /></Form.Item>
                <Form.Item name="targetIncreasePp" label={t('increasePp')} rules={[{ required: true }]}><InputNumber min={0.001} max={100} /></Form.Item>
                <Form.Item><Button htmlType="submit" loading={baselineState.fetching}>{t('setBaseline')}</Button></Form.Item>
              </Form>
              <ApiErrorAlert error={baselineState.error} leftover={leftover} />
            </Card>
          </Col>
          <Col xs={24}>
            <Card title={t('byQuarter')} extra={<Typography.Text type="secondary">{t('clickToDrill')}</Typography.Text>}>
              <LineChart
                label={t('byQuarter')}
                points={quarters.map((q) => {
                  const [y, qq] = q.key.split('Q');
                  return { label: q.key, value: num(q.rate), href: `/bureau/contracts?${query({ year: y, quarter: qq })}` };
                })}
                refs={[
                  ...(target?.targetRate ? [{ value: Number(pct(target.targetRate)), text: `${t('target')} ${pct(target.targetRate)} %` }] : []),
                  ...(target?.baselineRate ? [{ value: Number(pct(target.baselineRate)), text: `${t('baseline')} ${pct(target.baselineRate)} %` }] : []),
                ]}
              />
            </Card>
          </Col>
          {rate.byCity.length > 1 && (
            <Col xs={24} md={12}>
              <Card title={t('byCity')}>
                <HBars bars={bars(rate.byCity, 'area')} label={t('byCity')} testId="by-city" />
                {table(rate.byCity, 'area', t('byCity'))}
              </Card>
            </Col>
          )}
          {/* Counties for a city (or county) bureau; a province reads its cities. */}
          {rate.byCity.length <= 1 && rate.byCounty.length > 0 && (
            <Col xs={24} md={12}>
              <Card title={t('byCounty')}>
                <HBars bars={bars(rate.byCounty, 'area')} label={t('byCounty')} testId="by-county" />
                {table(rate.byCounty, 'area', t('byCounty'))}
              </Card>
            </Col>
          )}
          <Col xs={24} md={12}>
            <Card title={t('byFocusArea')}>
              <HBars bars={bars(rate.byFocusArea, 'focusArea')} label={t('byFocusArea')} testId="by-focus-area" />
            </Card>
          </Col>
          <Col xs={24} md={12}>
            <Card title={t('byCategory')}>
              <HBars bars={bars(rate.byCategory, 'categoryCode')} label={t('byCategory')} testId="by-category" />
            </Card>
          </Col>
        </Row>
      )}
    </>
  );
}
