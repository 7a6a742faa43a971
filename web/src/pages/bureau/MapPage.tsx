import { Alert, Card, Typography } from 'antd';
import { useQuery } from 'urql';
import { PageHeader } from '../../components/PageHeader';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { useT } from '../../i18n/messages';
import { useFormat } from '../../i18n/format';
import { useLocale } from '../../i18n/locale';
import { Link } from '../../app/router';
import { BureauMapDocument } from './bureau.generated';
import type { BureauMapQuery } from '../../gql/graphql';
import { bureauMessages } from './bureau.messages';
import { DataTable } from './charts';
import { YearPicker, pct, useScope } from './scope';

type Area = BureauMapQuery['sourcingMap']['areas'][number];
const [WIDTH, HEIGHT, PAD] = [640, 520, 60];

/**
 * A schematic map: each city (or county) at its centroid, a circle whose area is its purchasing
 * with the local part darker, and its plants. No boundaries and no tiles: no boundary data set
 * with a clear licence is shipped, and nothing is loaded from outside the service.
 */
export default function MapPage() {
  const t = useT(bureauMessages);
  const f = useFormat();
  const { locale } = useLocale();
  const { region, year, query } = useScope();
  const [{ data, error }] = useQuery({ query: BureauMapDocument, variables: { region: region ?? '', period: { startYear: year } }, pause: !region });
  const map = data?.sourcingMap;
  const placed = (map?.areas ?? []).filter((a): a is Area & { lat: number; lon: number } => a.lat !== null && a.lon !== null);
  const name = (a: Area) => (locale === 'en-US' ? a.nameEn || a.nameZh : a.nameZh);
  let svg = null;
  if (placed.length > 0) {
    const lats = placed.map((a) => a.lat);
    const lons = placed.map((a) => a.lon);
    const k = Math.cos((((Math.min(...lats) + Math.max(...lats)) / 2) * Math.PI) / 180);
    const spanX = Math.max(0.1, (Math.max(...lons) - Math.min(...lons)) * k);
    const spanY = Math.max(0.1, Math.max(...lats) - Math.min(...lats));
    const scale = Math.min((WIDTH - 2 * PAD) / spanX, (HEIGHT - 2 * PAD) / spanY);
    const x = (lon: number) => PAD + (lon - Math.min(...lons)) * k * scale;
    const y = (lat: number) => HEIGHT - PAD - (lat - Math.min(...lats)) * scale;
    const totals = placed.map((a) => Number(a.localValue) + Number(a.nonLocalValue));
    const biggest = Math.max(1, ...totals);
    const radius = (value: number) => 6 + 34 * Math.sqrt(value / biggest);
    svg = (
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} style={{ width: '100%', maxWidth: WIDTH, height: 'auto' }} role="img" aria-label={t('mapTitle')} data-testid="map">
        {placed.map((a, i) => {
          const total = totals[i];
          const local = Number(a.localValue);
          return (
            <Link key={a.code} to={`/bureau/contracts?${query({ area: a.code })}`} aria-label={`${name(a)} ${f.moneyShort(total)}`}>
              <circle cx={x(a.lon)} cy={y(a.lat)} r={radius(total)} fill="#bae0ff" stroke="#1677ff" />
              {local > 0 && <circle cx={x(a.lon)} cy={y(a.lat)} r={radius(total) * Math.sqrt(local / total)} fill="#1677ff" opacity={0.8} />}
              <text x={x(a.lon)} y={y(a.lat) + radius(total) + 12} textAnchor="middle" fontSize={12}>{name(a)}</text>
              <text x={x(a.lon)} y={y(a.lat) + radius(total) + 25} textAnchor="middle" fontSize={10} fill="#595959">{`${a.supplierPlants} / ${a.oemPlants}`}</text>
            </Link>
          );
        })}
      </svg>
    );
  }
  return (
    <>
      <PageHeader title={t('mapTitle')} extra={<YearPicker />} />
      {error && <ApiErrorAlert error={error} />}
      {map && (
        <>
          <Alert type="info" showIcon message={map.note} style={{ marginBottom: 16 }} />
          <Card>
            {svg}
            <Typography.Paragraph type="secondary">{t('mapLegend')}</Typography.Paragraph>
          </Card>
          <Card style={{ marginTop: 16 }}>
            <DataTable<Area>
              rows={map.areas} rowKey={(a) => a.code} label={t('mapTitle')}
              columns={[
                { title: t('region'), render: (a) => <Link to={`/bureau/contracts?${query({ area: a.code })}`}>{name(a)}</Link> },
                { title: t('supplierPlants'), align: 'right', render: (a) => a.supplierPlants },
                { title: t('oemPlants'), align: 'right', render: (a) => a.oemPlants },
                { title: t('local'), align: 'right', render: (a) => f.moneyShort(a.localValue) },
                { title: t('nonLocal'), align: 'right', render: (a) => f.moneyShort(a.nonLocalValue) },
                { title: t('rate'), align: 'right', render: (a) => (a.rate === null ? '—' : `${pct(a.rate)} %`) },
              ]}
            />
          </Card>
        </>
      )}
    </>
  );
}
