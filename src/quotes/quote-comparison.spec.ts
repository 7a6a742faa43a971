import { Decimal } from 'decimal.js';
import { QuoteSortKey, compareQuote, sortComparison, type ComparisonRow } from './quote-comparison.js';
import type { Place } from '../locality/locality-tier.js';

const place = (regionCode: string | null, lat: number, lon: number, countryCode = 'CN'): Place => ({ countryCode, regionCode, lat, lon, locationApprox: false });
const beilun = place('330206', 29.89, 121.85);
const yinzhou = place('330212', 29.82, 121.55);
const suzhou = place('320505', 31.3, 120.57);
const basis = { local: new Decimal(6_000_000), total: new Decimal(10_000_000) };

describe('compareQuote', () => {
  it('puts a quote against the target, prices it and judges its plant', () => {
    const row = compareQuote({ id: 'q1', supplierId: 's1', unitPrice: new Decimal('98.50'), volume: 100000, leadTimeDays: 30 }, new Decimal('100'), beilun, yinzhou, basis, { eligible: true, score: 81.2 });
    expect(row).toMatchObject({ tier: 'SAME_CITY', distanceKm: 30, matchScore: 81.2, eligible: true, volume: 100000, leadTimeDays: 30 });
    expect([row.priceVsTarget.toFixed(), row.priceVsTargetPct?.toFixed(), row.totalValue.toFixed(2), row.impactPp.toFixed()]).toEqual(['-1.5', '-1.5', '9850000.00', '19.8489']);
  });

  it('counts a plant outside the province against the rate', () => {
    const row = compareQuote({ id: 'q2', supplierId: 's2', unitPrice: new Decimal('92'), volume: 100000, leadTimeDays: 45 }, new Decimal('100'), beilun, suzhou, basis, null);
    expect([row.tier, row.impactPp.toFixed(), row.matchScore, row.eligible]).toEqual(['YRD_NEIGHBOUR', '-28.75', null, null]);
  });

  it('has no percentage against a zero target, and a first purchase moves the rate to 100 %', () => {
    const row = compareQuote({ id: 'q3', supplierId: 's3', unitPrice: new Decimal('1.2345'), volume: 3, leadTimeDays: 0 }, new Decimal(0), beilun, yinzhou, { local: new Decimal(0), total: new Decimal(0) }, null);
    expect([row.priceVsTargetPct, row.totalValue.toFixed(2), row.impactPp.toFixed()]).toEqual([null, '3.70', '100']);
  });
});

describe('sortComparison', () => {
  const row = (quoteId: string, price: string, lead: number, tier: ComparisonRow['tier'], km: number, score: number | null, impact: string): ComparisonRow => ({
    quoteId, supplierId: `s-${quoteId}`, unitPrice: new Decimal(price), priceVsTarget: new Decimal(price).minus(100), priceVsTargetPct: null, volume: 1,
    totalValue: new Decimal(price), leadTimeDays: lead, tier, distanceKm: km, matchScore: score, eligible: score === null ? null : true, impactPp: new Decimal(impact),
  });
  const rows = [row('a', '98.5', 30, 'SAME_CITY', 30, 80, '19.8'), row('b', '92', 45, 'YRD_NEIGHBOUR', 199, 60, '-28.75'), row('c', '88', 60, 'CHINA', 1468, null, '-28.08'), row('d', '92', 20, 'SAME_CITY', 12, 85, '19.9')];
  const ids = (key: QuoteSortKey, reverse = false) => sortComparison(rows, key, reverse).map((r) => r.quoteId);

  it.each([
    [QuoteSortKey.PRICE, ['c', 'b', 'd', 'a']],
    [QuoteSortKey.PRICE_VS_TARGET, ['c', 'b', 'd', 'a']],
    [QuoteSortKey.TOTAL_VALUE, ['c', 'b', 'd', 'a']],
    [QuoteSortKey.LEAD_TIME, ['d', 'a', 'b', 'c']],
    [QuoteSortKey.LOCALITY, ['d', 'a', 'b', 'c']],
    [QuoteSortKey.DISTANCE, ['d', 'a', 'b', 'c']],
    [QuoteSortKey.MATCH_SCORE, ['d', 'a', 'b', 'c']],
    [QuoteSortKey.IMPACT, ['d', 'a', 'c', 'b']],
  ])('%s: best first, ties by quote id', (key, expected) => {
    expect(ids(key)).toEqual(expected);
  });

  it('reverses on request, keeping unscored quotes last', () => {
    expect(ids(QuoteSortKey.PRICE, true)).toEqual(['a', 'b', 'd', 'c']);
    expect(ids(QuoteSortKey.MATCH_SCORE, true)).toEqual(['b', 'a', 'd', 'c']);
  });

  it('does not change its input', () => {
    const copy = [...rows];
    sortComparison(rows, QuoteSortKey.LEAD_TIME);
    expect(rows).toEqual(copy);
  });
});
