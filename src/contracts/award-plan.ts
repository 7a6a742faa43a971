/**
 * The rules of an award, as pure functions: which quotes may be awarded, how the volume is
 * split, what each contract is worth, and the fingerprint that makes a retried award
 * recognisable. No Nest, no TypeORM; the award service loads the facts and writes the result.
 */
import { createHash } from 'node:crypto';
import { Decimal } from 'decimal.js';
import { QuoteStatus } from '../quotes/quote.entity.js';
import { contractValue } from '../common/money.js';

export interface AwardLineRequest {
  quoteId: string;
  /** Units awarded on this quote; absent: what the quote offers, up to the requirement's annual volume. */
  volume?: number | null;
  /** Award this quote although its supplier fails the hard filters, for this reason (kept on the contract). */
  overrideIneligible?: { reason: string } | null;
}

export interface AwardRequest {
  requirementId: string;
  lines: readonly AwardLineRequest[];
  startDate?: string | null;
  endDate?: string | null;
}

/** The override reason as kept: trimmed, with its inner runs of white space as they were. */
export function overrideReason(line: AwardLineRequest): string | null {
  return line.overrideIneligible == null ? null : line.overrideIneligible.reason.trim();
}

/**
 * Canonical form of an award request: lines in quote-id order, absent values as null, ids
 * lower-cased, an override as its trimmed reason (the key only on a line that has one, so an
 * award without overrides hashes as it always did). Two requests that mean the same award have
 * the same canonical form.
 */
export function normaliseAwardRequest(request: AwardRequest): AwardRequest {
  return {
    requirementId: request.requirementId.toLowerCase(),
    lines: [...request.lines]
      .map((line) => {
        const reason = overrideReason(line);
        return { quoteId: line.quoteId.toLowerCase(), volume: line.volume ?? null, ...(reason === null ? {} : { overrideIneligible: { reason } }) };
      })
      .sort((a, b) => (a.quoteId < b.quoteId ? -1 : a.quoteId > b.quoteId ? 1 : (a.volume ?? -1) - (b.volume ?? -1))),
    startDate: request.startDate ?? null,
    endDate: request.endDate ?? null,
  };
}

/** SHA-256 (hex) of the canonical request: stored with the award to recognise a retry. */
export function awardRequestHash(request: AwardRequest): string {
  const n = normaliseAwardRequest(request);
  // Keys in a fixed order, so the hash does not depend on how the object was built.
  // A line with an override adds its reason as a third element; one without keeps the old form.
  const canonical = JSON.stringify([n.requirementId, n.lines.map((l) => (l.overrideIneligible ? [l.quoteId, l.volume, l.overrideIneligible.reason] : [l.quoteId, l.volume])), n.startDate, n.endDate]);
  return createHash('sha256').update(canonical).digest('hex');
}

export interface QuoteForAward {
  id: string;
  requirementId: string;
  supplierId: string;
  siteId: string;
  status: QuoteStatus;
  unitPrice: Decimal;
  volume: number;
  /** `YYYY-MM-DD`, inclusive. */
  validUntil: string;
}

export interface PlannedContract {
  quote: QuoteForAward;
  volume: number;
  unitPrice: Decimal;
  /** unit price × volume, to the fen (half up). */
  totalValue: Decimal;
}

export type AwardRefusal = { kind: 'BAD_INPUT'; field: string; message: string } | { kind: 'CONFLICT'; message: string };

export type AwardPlan = { ok: true; contracts: PlannedContract[] } | { ok: false; refusal: AwardRefusal };

/**
 * Checks an award against the requirement's quotes (`quotes`: every quote on the
 * requirement, by id) and plans one contract per line. Refusals, in this order:
 * - a quote listed twice, or not a quote on this requirement → BAD_INPUT on that line;
 * - a quote that is not SUBMITTED (withdrawn, or already decided) or whose validity has run
 *   out before `today` → CONFLICT;
 * - a line's volume above what the quote offers → BAD_INPUT;
 * - the lines together above the requirement's annual volume → BAD_INPUT.
 */
export function planAward(annualVolume: number, quotes: ReadonlyMap<string, QuoteForAward>, lines: readonly AwardLineRequest[], today: string): AwardPlan {
  const seen = new Set<string>();
  const contracts: PlannedContract[] = [];
  for (const [index, line] of lines.entries()) {
    const field = `input.lines.${index}`;
    const id = line.quoteId.toLowerCase();
    if (seen.has(id)) return refuse({ kind: 'BAD_INPUT', field: `${field}.quoteId`, message: 'this quote is listed twice' });
    seen.add(id);
    const quote = quotes.get(id);
    if (!quote) return refuse({ kind: 'BAD_INPUT', field: `${field}.quoteId`, message: 'not a quote on this requirement' });
    if (quote.status !== QuoteStatus.SUBMITTED) return refuse({ kind: 'CONFLICT', message: `Quote ${quote.id} is ${quote.status} and cannot be awarded` });
    if (quote.validUntil < today) return refuse({ kind: 'CONFLICT', message: `Quote ${quote.id} was valid until ${quote.validUntil} and can no longer be awarded` });
    const volume = line.volume ?? Math.min(quote.volume, annualVolume);
    if (volume > quote.volume) return refuse({ kind: 'BAD_INPUT', field: `${field}.volume`, message: `the quote offers ${quote.volume} units; ${volume} cannot be awarded on it` });
    contracts.push({ quote, volume, unitPrice: quote.unitPrice, totalValue: contractValue(quote.unitPrice, volume) });
  }
  const total = contracts.reduce((sum, c) => sum + c.volume, 0);
  if (total > annualVolume) {
    return refuse({ kind: 'BAD_INPUT', field: 'input.lines', message: `${total} units awarded in all, more than the requirement's annual volume of ${annualVolume}` });
  }
  return { ok: true, contracts };
}

function refuse(refusal: AwardRefusal): AwardPlan {
  return { ok: false, refusal };
}

/** A hard filter a supplier fails, as the qualification rule names it (src/matching/qualification.ts). */
export interface QualificationFailure {
  filter: string;
  reason: string;
}

/**
 * The award gate: a line whose quote's supplier fails the hard filters (`failures[i]` for
 * `lines[i]`, empty when eligible) needs `overrideIneligible` with a reason; a line whose quote is
 * eligible must not carry one (an override that overrides nothing would be kept on the contract
 * as if it had). The first offending line is refused, BAD_INPUT on its `overrideIneligible`.
 */
export function qualificationRefusal(lines: readonly AwardLineRequest[], failures: readonly (readonly QualificationFailure[])[]): AwardRefusal | null {
  for (const [index, line] of lines.entries()) {
    const field = `input.lines.${index}.overrideIneligible`;
    const failed = failures[index] ?? [];
    const reason = overrideReason(line);
    if (failed.length > 0 && !reason) {
      return { kind: 'BAD_INPUT', field, message: `the supplier of quote ${line.quoteId} fails the hard filters (${failed.map((f) => `${f.filter}: ${f.reason}`).join('; ')}): award it only with overrideIneligible { reason }` };
    }
    if (failed.length === 0 && line.overrideIneligible != null) {
      return { kind: 'BAD_INPUT', field, message: `the supplier of quote ${line.quoteId} passes the hard filters: there is nothing to override` };
    }
  }
  return null;
}
