import { formatReport, parseArgs } from './generate-args.js';
import { SeedError } from './seed-market.js';

describe('npm run seed arguments', () => {
  it('defaults to the demo scale, seed 42, the fixed reference date', () => {
    expect(parseArgs([])).toEqual({ scale: 'demo', seed: 42, reset: false, referenceDate: '2026-11-01', keepIndexes: false });
  });

  it('reads every flag, with or without =', () => {
    expect(parseArgs(['--scale', 'large', '--seed=7', '--reset', '--reference-date', '2027-01-01', '--keep-indexes'])).toEqual({
      scale: 'large', seed: 7, reset: true, referenceDate: '2027-01-01', keepIndexes: true,
    });
  });

  it('refuses what it does not know, naming it', () => {
    expect(() => parseArgs(['--scale', 'huge'])).toThrow(/--scale must be one of demo, large/);
    expect(() => parseArgs(['--seed', '-1'])).toThrow(SeedError);
    expect(() => parseArgs(['--reference-date', '2026-02-30'])).toThrow(/--reference-date/);
    expect(() => parseArgs(['--seed'])).toThrow(/needs a value/);
    expect(() => parseArgs(['--fast'])).toThrow(/unknown argument --fast/);
  });

  it('prints rows/s per table and the shares', () => {
    const lines = formatReport({
      scale: 'demo', seed: 42, referenceDate: '2026-11-01', totalSeconds: 2, logins: [], generatedBuyerEmails: [], zhejiangSupplierShare: 0.6,
      timings: [{ table: 'contracts', rows: 2000, seconds: 0.5 }],
      localShares: [{ year: 2024, contracts: 600, valueShare: 0.553, countShare: 0.55, sameCityValueShare: 0.25 }],
    });
    expect(lines.find((l) => l.startsWith('contracts'))).toMatch(/2,000\s+0\.50\s+4,000$/);
    expect(lines.join('\n')).toContain('2024: 55.3 % of value');
  });
});
