import { Alert, Card, Typography } from 'antd';
import { useQuery } from 'urql';
import { PageHeader } from '../../components/PageHeader';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { useT } from '../../i18n/messages';
import { BureauPaceDocument } from './bureau.generated';
import { bureauMessages } from './bureau.messages';
import { LineChart } from './charts';
import { pct, useScope } from './scope';

const percent = (v: number) => Math.round(v * 10000) / 100;

/** The quarterly rate, its trend to 2027Q4 with the band, and when the target is reached at this pace; the method stated. */
export default function PacePage() {
  const t = useT(bureauMessages);
  const { region } = useScope();
  const [{ data, error }] = useQuery({ query: BureauPaceDocument, variables: { region: region ?? '' }, pause: !region });
  const pace = data?.sourcingPace;
  return (
    <>
      <PageHeader title={t('paceTitle')} />
      {error && <ApiErrorAlert error={error} />}
      {pace && (
        <>
          <Alert
            data-testid="pace-verdict" style={{ marginBottom: 16 }} showIcon
            type={pace.verdict === 'REACHED' || pace.verdict === 'ALREADY_MET' ? 'success' : pace.verdict === 'NOT_BY_2027' ? 'warning' : 'info'}
            message={t(`verdict${pace.verdict}`, { quarter: pace.reachedQuarter ?? '' })}
            description={pace.note}
          />
          <Card>
            <LineChart
              label={t('paceTitle')} height={300}
              points={pace.series.map((q) => ({ label: q.quarter, value: q.rate === null ? null : Number(pct(q.rate)) }))}
              projected={pace.projection.map((p) => ({ label: p.quarter, value: percent(p.rate), low: percent(p.low), high: percent(p.high) }))}
              refs={pace.targetRate ? [{ value: Number(pct(pace.targetRate)), text: `${t('target')} ${pct(pace.targetRate)} %` }] : []}
            />
            <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>{`— ${t('observed')}  - - ${t('trend')}  ▒ ${t('band')}`}</Typography.Paragraph>
          </Card>
          <Card style={{ marginTop: 16 }} title={t('method')}>
            <Typography.Paragraph data-testid="pace-method">{pace.method}</Typography.Paragraph>
            {pace.slopePpPerQuarter !== null && <Typography.Paragraph>{`${t('trend')}: ${t('slope', { value: pace.slopePpPerQuarter.toFixed(2) })}`}</Typography.Paragraph>}
          </Card>
        </>
      )}
    </>
  );
}
