import { Button, InputNumber, Space, Typography } from 'antd';
import { useQuery } from 'urql';
import './report.css';
import { useSession } from '../../app/session';
import { PageHeader } from '../../components/PageHeader';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { useT } from '../../i18n/messages';
import { useFormat } from '../../i18n/format';
import { useLocale } from '../../i18n/locale';
import { navigate, useLocation } from '../../app/router';
import { BureauLeadsDocument, BureauLeversDocument, BureauRateDocument } from './bureau.generated';
import type { BureauRateQuery } from '../../gql/graphql';
import { bureauMessages } from './bureau.messages';
import { bureauMenu } from './bureau-menu.messages';
import { DataTable } from './charts';
import { YearPicker, pct, useScope } from './scope';

type Row = BureauRateQuery['localSourcingRate']['byCity'][number];
const ppText = (value: string | null | undefined) => (value === null || value === undefined ? '—' : Number(value).toFixed(2));

/** The quarterly report a bureau hands upward: one printable page (the browser prints it, or saves it as PDF), in the chosen language. */
export default function ReportPage() {
  const t = useT(bureauMessages);
  const tm = useT(bureauMenu);
  const f = useFormat();
  const { locale } = useLocale();
  const en = locale === 'en-US';
  const { region, year } = useScope();
  const { token } = useSession();
  const { pathname, search } = useLocation();
  const now = new Date();
  const quarter = Number(search.get('quarter') ?? Math.max(1, Math.floor(now.getMonth() / 3)));
  const period = { startYear: year, startQuarter: quarter, endQuarter: quarter };
  const [{ data, error }] = useQuery({ query: BureauRateDocument, variables: { region: region ?? '', period }, pause: !region });
  const [{ data: leversData }] = useQuery({ query: BureauLeversDocument, variables: { region: region ?? '', period }, pause: !region });
  const [{ data: leadsData }] = useQuery({ query: BureauLeadsDocument, variables: { region: region ?? '' }, pause: !region });
  const rate = data?.localSourcingRate;
  const target = rate?.target;
  const name = (r: { key: string; nameZh?: string | null; nameEn?: string | null }) => (en ? r.nameEn || r.nameZh || r.key : r.nameZh || r.key);
  const setQuarter = (q: number) => {
    const params = new URLSearchParams(search);
    params.set('quarter', String(q));
    navigate(`${pathname}?${params.toString()}`, { replace: true });
  };
  const rows = (list: readonly Row[], label: string) => (
    <DataTable<Row> rows={list} rowKey={(r) => r.key} label={label} columns={[
      { title: label, render: (r) => name(r) },
      { title: t('rate'), align: 'right', render: (r) => (r.rate === null ? '—' : `${pct(r.rate)} %`) },
      { title: t('local'), align: 'right', render: (r) => f.money(r.numerator) },
      { title: t('total'), align: 'right', render: (r) => f.money(r.denominator) },
    ]} />
  );
  return (
    <>
      <div className="zlt-no-print">
        <PageHeader title={tm('report')} extra={
          <Space wrap>
            <YearPicker />
            <label htmlFor="report-quarter">{t('quarter')}</label>
            <InputNumber id="report-quarter" min={1} max={4} value={quarter} onChange={(q) => q && setQuarter(q)} />
            <Button type="primary" onClick={() => window.print()}>{t('print')}</Button>
            <Button disabled={!region || !token} onClick={() => void downloadPdf(`/exports/report.pdf?${new URLSearchParams({ region: region ?? '', year: String(year), quarter: String(quarter), lang: en ? 'en' : 'zh' }).toString()}`, token ?? '')}>{t('downloadPdf')}</Button>
          </Space>
        } />
      </div>
      {error && <ApiErrorAlert error={error} />}
      {rate && (
        <article className="zlt-report" data-testid="report">
          <Typography.Title level={2}>{t('reportTitle', { region: en ? rate.regionNameEn || rate.regionName || rate.regionCode : rate.regionName ?? rate.regionCode, period: rate.period.label })}</Typography.Title>
          <DataTable<{ k: string; v: string }>
            rows={[
              { k: t('reportRate'), v: rate.rate === null ? t('noData') : `${pct(rate.rate)} %` },
              { k: `${t('baseline')} ${target?.baselineYear ?? ''}`, v: target?.baselineRate ? `${pct(target.baselineRate)} %` : t('noTarget') },
              { k: t('target'), v: target?.targetRate ? `${pct(target.targetRate)} %` : '—' },
              { k: t('change'), v: target?.changePp ? t('pp', { value: Number(target.changePp).toFixed(2) }) : '—' },
              { k: t('progress'), v: target?.progress ? `${pct(target.progress, 0)} %` : '—' },
            ]}
            rowKey={(r) => r.k} label={t('reportRate')}
            columns={[{ title: '', render: (r) => r.k }, { title: '', align: 'right', render: (r) => <strong>{r.v}</strong> }]}
          />
          <Typography.Title level={3}>{t('topLevers')}</Typography.Title>
          <ul>
            {(leversData?.sourcingLevers.levers ?? []).map((l) => (
              <li key={l.kind}>
                {`${t(`lever${l.kind}`)}: ${t('items', { count: l.itemCount })}, ${f.money(l.value)}, ${l.pp === null ? '—' : t('addsPp', { value: ppText(l.pp) })}`}
                <ul>{l.items.slice(0, 3).map((i) => <li key={i.id}>{`${i.title ?? (en ? i.categoryNameEn : i.categoryNameZh)}${i.buyerName ? ` · ${i.buyerName}` : ''}: ${f.money(i.value)}, ${t('addsPp', { value: ppText(i.pp) })}`}</li>)}</ul>
              </li>
            ))}
          </ul>
          <Typography.Title level={3}>{t('topLeads')}</Typography.Title>
          <ul>
            {(leadsData?.demandGaps ?? []).slice(0, 5).map((g) => (
              <li key={g.categoryCode}>{`${en ? g.nameEn : g.nameZh}: ${f.money(g.demandedAnnualValue)} · ${t('nearest')}: ${g.nearestOutside.map((s) => s.supplierName).join('、') || '—'}`}</li>
            ))}
          </ul>
          {rate.byCity.length > 1 && <><Typography.Title level={3}>{t('byCity')}</Typography.Title>{rows(rate.byCity, t('byCity'))}</>}
          {rate.byCity.length <= 1 && rate.byCounty.length > 0 && <><Typography.Title level={3}>{t('byCounty')}</Typography.Title>{rows(rate.byCounty, t('byCounty'))}</>}
          <Typography.Title level={3}>{t('byFocusArea')}</Typography.Title>
          {rows(rate.byFocusArea, t('byFocusArea'))}
          <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>{t('reportNote')}</Typography.Paragraph>
        </article>
      )}
    </>
  );
}

/** The service's PDF of this report, fetched with the session's token and saved as the file it names. */
async function downloadPdf(url: string, token: string): Promise<void> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) return;
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'report.pdf';
  const link = document.createElement('a');
  link.href = URL.createObjectURL(await response.blob());
  link.download = name;
  link.click();
  URL.revokeObjectURL(link.href);
}
