import { Decimal } from 'decimal.js';
import { QuoteStatus } from '../quotes/quote.entity.js';
import { awardRequestHash, normaliseAwardRequest, planAward, qualificationRefusal, type QuoteForAward } from './award-plan.js';

const A = '0a000000-0000-4000-8000-000000000001';
const B = '0b000000-0000-4000-8000-000000000002';
const R = '0c000000-0000-4000-8000-000000000003';

function quote(id: string, overrides: Partial<QuoteForAward> = {}): QuoteForAward {
  return { id, requirementId: R, supplierId: `s-${id}`, siteId: `site-${id}`, status: QuoteStatus.SUBMITTED, unitPrice: new Decimal('98.5'), volume: 80000, validUntil: '2030-01-01', ...overrides };
}

describe('award request fingerprint', () => {
  it('is the same for the same award however it is written', () => {
    const a = awardRequestHash({ requirementId: R, lines: [{ quoteId: A, volume: 1 }, { quoteId: B, volume: 2 }] });
    expect(awardRequestHash({ requirementId: R.toUpperCase(), lines: [{ quoteId: B, volume: 2 }, { quoteId: A.toUpperCase(), volume: 1 }], startDate: null, endDate: undefined })).toBe(a);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
  });

  it('differs when anything that matters differs', () => {
    const base = { requirementId: R, lines: [{ quoteId: A, volume: 1 }] };
    const hashes = new Set([
      awardRequestHash(base),
      awardRequestHash({ ...base, lines: [{ quoteId: A, volume: 2 }] }),
      awardRequestHash({ ...base, lines: [{ quoteId: A }] }),
      awardRequestHash({ ...base, lines: [{ quoteId: B, volume: 1 }] }),
      awardRequestHash({ ...base, requirementId: B }),
      awardRequestHash({ ...base, startDate: '2027-01-01' }),
      awardRequestHash({ ...base, endDate: '2027-12-31' }),
    ]);
    expect(hashes.size).toBe(7);
  });

  it('normalises lines into quote-id order with absent volumes as null', () => {
    expect(normaliseAwardRequest({ requirementId: R, lines: [{ quoteId: B }, { quoteId: A, volume: 5 }] })).toEqual({ requirementId: R, lines: [{ quoteId: A, volume: 5 }, { quoteId: B, volume: null }], startDate: null, endDate: null });
  });
});

describe('planAward', () => {
  const quotes = new Map([[A, quote(A)], [B, quote(B, { unitPrice: new Decimal('92.1234'), volume: 50000 })]]);

  it('plans one contract per line, valued unit price × volume to the fen', () => {
    const plan = planAward(100000, quotes, [{ quoteId: A, volume: 60000 }, { quoteId: B, volume: 40000 }], '2026-06-01');
    expect(plan.ok && plan.contracts.map((c) => [c.quote.id, c.volume, c.totalValue.toFixed(2)])).toEqual([[A, 60000, '5910000.00'], [B, 40000, '3684936.00']]);
  });

  it('defaults a line to what the quote offers, capped at the annual volume', () => {
    const whole = planAward(100000, quotes, [{ quoteId: A }], '2026-06-01');
    expect(whole.ok && whole.contracts[0].volume).toBe(80000);
    const capped = planAward(30000, quotes, [{ quoteId: A }], '2026-06-01');
    expect(capped.ok && capped.contracts[0].volume).toBe(30000);
  });

  it.each([
    ['a quote twice', [{ quoteId: A, volume: 1 }, { quoteId: A.toUpperCase(), volume: 1 }], { kind: 'BAD_INPUT', field: 'input.lines.1.quoteId' }],
    ['a quote of another requirement', [{ quoteId: R }], { kind: 'BAD_INPUT', field: 'input.lines.0.quoteId' }],
    ['more than the quote offers', [{ quoteId: B, volume: 50001 }], { kind: 'BAD_INPUT', field: 'input.lines.0.volume' }],
    ['more than the requirement needs', [{ quoteId: A, volume: 60000 }, { quoteId: B, volume: 40001 }], { kind: 'BAD_INPUT', field: 'input.lines' }],
  ])('refuses %s', (_name, lines, refusal) => {
    const plan = planAward(100000, quotes, lines, '2026-06-01');
    expect(plan.ok).toBe(false);
    expect(!plan.ok && plan.refusal).toMatchObject(refusal);
  });

  it.each([QuoteStatus.WITHDRAWN, QuoteStatus.ACCEPTED, QuoteStatus.REJECTED])('refuses a %s quote with CONFLICT', (status) => {
    const plan = planAward(100000, new Map([[A, quote(A, { status })]]), [{ quoteId: A }], '2026-06-01');
    expect(!plan.ok && plan.refusal).toEqual({ kind: 'CONFLICT', message: `Quote ${A} is ${status} and cannot be awarded` });
  });

  it('refuses a quote whose validity ran out, valid through its last day', () => {
    const q = new Map([[A, quote(A, { validUntil: '2026-05-31' })]]);
    expect(planAward(100000, q, [{ quoteId: A }], '2026-05-31').ok).toBe(true);
    expect(planAward(100000, q, [{ quoteId: A }], '2026-06-01')).toMatchObject({ ok: false, refusal: { kind: 'CONFLICT' } });
  });
});

describe('award fingerprint with overrides', () => {
  const base = { requirementId: R, lines: [{ quoteId: A, volume: 1 }] };

  it('keeps the hash of an award without overrides as it was (null or absent alike)', () => {
    const plain = awardRequestHash(base);
    expect(awardRequestHash({ ...base, lines: [{ quoteId: A, volume: 1, overrideIneligible: null }] })).toBe(plain);
    // the canonical form written out: a request recorded before overrides existed still replays
    expect(plain).toBe(awardRequestHash({ requirementId: R.toUpperCase(), lines: [{ quoteId: A.toUpperCase(), volume: 1 }] }));
  });

  it('differs with an override, and with another reason; trimming does not matter', () => {
    const plain = awardRequestHash(base);
    const a = awardRequestHash({ ...base, lines: [{ quoteId: A, volume: 1, overrideIneligible: { reason: '唯一可供货' } }] });
    const b = awardRequestHash({ ...base, lines: [{ quoteId: A, volume: 1, overrideIneligible: { reason: '另一个理由' } }] });
    expect(new Set([plain, a, b]).size).toBe(3);
    expect(awardRequestHash({ ...base, lines: [{ quoteId: A, volume: 1, overrideIneligible: { reason: '  唯一可供货 ' } }] })).toBe(a);
  });

  it('normalises an override to its trimmed reason, on its line only', () => {
    expect(normaliseAwardRequest({ requirementId: R, lines: [{ quoteId: B, overrideIneligible: { reason: ' why ' } }, { quoteId: A, volume: 5 }] }).lines).toEqual([
      { quoteId: A, volume: 5 },
      { quoteId: B, volume: null, overrideIneligible: { reason: 'why' } },
    ]);
  });
});

describe('qualificationRefusal', () => {
  const failed = [{ filter: 'CERTIFICATION', reason: 'ISO 26262 ASIL B held, ASIL D required' }];

  it('passes eligible lines without overrides and ineligible lines with one', () => {
    expect(qualificationRefusal([{ quoteId: A }], [[]])).toBeNull();
    expect(qualificationRefusal([{ quoteId: A }, { quoteId: B, overrideIneligible: { reason: '唯一可供货' } }], [[], failed])).toBeNull();
  });

  it('refuses an ineligible line without an override, naming the line\'s field and the failures', () => {
    const refusal = qualificationRefusal([{ quoteId: A }, { quoteId: B }], [[], failed]);
    expect(refusal).toEqual({ kind: 'BAD_INPUT', field: 'input.lines.1.overrideIneligible', message: expect.stringContaining('CERTIFICATION: ISO 26262 ASIL B held, ASIL D required') });
    expect(qualificationRefusal([{ quoteId: B, overrideIneligible: { reason: '   ' } }], [failed])).toMatchObject({ field: 'input.lines.0.overrideIneligible' });
  });

  it('refuses an override on an eligible line', () => {
    expect(qualificationRefusal([{ quoteId: A, overrideIneligible: { reason: 'just in case' } }], [[]])).toMatchObject({ kind: 'BAD_INPUT', field: 'input.lines.0.overrideIneligible', message: expect.stringContaining('nothing to override') });
  });
});
