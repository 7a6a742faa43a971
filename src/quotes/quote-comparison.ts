/**
 * The buyer's side-by-side view of the quotes on a requirement, as pure arithmetic over
 * plain data: price against target, total value, where the quoting plant is (tier and
 * distance, as matching judges them), and what awarding the quote would do to the buyer's
 * provincial local-sourcing rate. No Nest, no TypeORM.
 */
import { Decimal } from 'decimal.js';
import { greatCircleKm } from '../locality/distance.js';
import { TIER_ORDER, isProvinciallyLocal, localityTier, type LocalityTier, type Place } from '../locality/locality-tier.js';
import { rateImpactPp, type RateBasis } from '../locality/local-rate.js';
import { contractValue } from '../common/money.js';

export interface QuoteFacts {
  id: string;
  supplierId: string;
  unitPrice: Decimal;
  volume: number;
  leadTimeDays: number;
}

/** The supplier's match to the requirement, from the matching service (null when unknown). */
export interface MatchFacts {
  eligible: boolean;
  score: number;
}

export interface ComparisonRow {
  quoteId: string;
  supplierId: string;
  unitPrice: Decimal;
  /** unit price − target unit price (negative: cheaper than target). */
  priceVsTarget: Decimal;
  /** priceVsTarget ÷ target × 100, 2 decimals; null when the target is 0. */
  priceVsTargetPct: Decimal | null;
  volume: number;
  /** unit price × volume, to the fen. */
  totalValue: Decimal;
  leadTimeDays: number;
  tier: LocalityTier;
  /** Great-circle distance from the delivery plant, km, 1 decimal. */
  distanceKm: number;
  matchScore: number | null;
  eligible: boolean | null;
  /** pp change of the buyer's provincial local-sourcing rate if this quote's total value were awarded; 4 decimals. */
  impactPp: Decimal;
}

export function compareQuote(quote: QuoteFacts, targetUnitPrice: Decimal, delivery: Place, plant: Place, totals: RateBasis, match: MatchFacts | null): ComparisonRow {
  const priceVsTarget = quote.unitPrice.minus(targetUnitPrice);
  const totalValue = contractValue(quote.unitPrice, quote.volume);
  const { tier } = localityTier(delivery, plant);
  const local = isProvinciallyLocal(tier);
  return {
    quoteId: quote.id,
    supplierId: quote.supplierId,
    unitPrice: quote.unitPrice,
    priceVsTarget,
    priceVsTargetPct: targetUnitPrice.isZero() ? null : priceVsTarget.dividedBy(targetUnitPrice).times(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP),
    volume: quote.volume,
    totalValue,
    leadTimeDays: quote.leadTimeDays,
    tier,
    distanceKm: Math.round(greatCircleKm(delivery, plant) * 10) / 10,
    matchScore: match?.score ?? null,
    eligible: match?.eligible ?? null,
    impactPp: rateImpactPp(totals, totalValue, local).toDecimalPlaces(4, Decimal.ROUND_HALF_UP),
  };
}

export enum QuoteSortKey {
  /** Unit price, cheapest first. */
  PRICE = 'PRICE',
  /** Price against target in %, furthest below target first. */
  PRICE_VS_TARGET = 'PRICE_VS_TARGET',
  /** Total value, smallest first. */
  TOTAL_VALUE = 'TOTAL_VALUE',
  /** Lead time, shortest first. */
  LEAD_TIME = 'LEAD_TIME',
  /** Locality tier, then distance: most local first. */
  LOCALITY = 'LOCALITY',
  /** Distance, nearest first. */
  DISTANCE = 'DISTANCE',
  /** Match score, highest first; unscored last. */
  MATCH_SCORE = 'MATCH_SCORE',
  /** Local-sourcing impact, largest gain first. */
  IMPACT = 'IMPACT',
}

type Comparator = (a: ComparisonRow, b: ComparisonRow) => number;

const byNumber = (f: (r: ComparisonRow) => number): Comparator => (a, b) => f(a) - f(b);
const byDecimal = (f: (r: ComparisonRow) => Decimal): Comparator => (a, b) => f(a).comparedTo(f(b));

/** Each key in its natural direction (best first). */
const NATURAL: Readonly<Record<QuoteSortKey, Comparator>> = {
  [QuoteSortKey.PRICE]: byDecimal((r) => r.unitPrice),
  [QuoteSortKey.PRICE_VS_TARGET]: byDecimal((r) => r.priceVsTarget),
  [QuoteSortKey.TOTAL_VALUE]: byDecimal((r) => r.totalValue),
  [QuoteSortKey.LEAD_TIME]: byNumber((r) => r.leadTimeDays),
  [QuoteSortKey.LOCALITY]: (a, b) => TIER_ORDER.indexOf(a.tier) - TIER_ORDER.indexOf(b.tier) || a.distanceKm - b.distanceKm,
  [QuoteSortKey.DISTANCE]: byNumber((r) => r.distanceKm),
  [QuoteSortKey.MATCH_SCORE]: (a, b) => (b.matchScore ?? -1) - (a.matchScore ?? -1),
  [QuoteSortKey.IMPACT]: (a, b) => b.impactPp.comparedTo(a.impactPp),
};

/**
 * Sorted copy: by `key` in its natural direction (best first), or reversed when `reverse`;
 * unscored quotes stay last for MATCH_SCORE either way; ties by quote id, so the order is
 * stable from one call to the next.
 */
export function sortComparison<R extends ComparisonRow>(rows: readonly R[], key: QuoteSortKey, reverse = false): R[] {
  const natural = NATURAL[key];
  const primary: Comparator = (a, b) => {
    if (key === QuoteSortKey.MATCH_SCORE && (a.matchScore === null) !== (b.matchScore === null)) return a.matchScore === null ? 1 : -1;
    return reverse ? natural(b, a) : natural(a, b);
  };
  return [...rows].sort((a, b) => primary(a, b) || (a.quoteId < b.quoteId ? -1 : a.quoteId > b.quoteId ? 1 : 0));
}
