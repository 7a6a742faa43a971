/**
 * Arguments and the printed report of `npm run seed` (seeds/generate.ts).
 */
import { SCALES, type ScaleName } from './market-rows.js';
import { DEFAULT_REFERENCE_DATE } from './market-model.js';
import { isIsoDate } from './seed-dates.js';
import { SeedError, type SeedReport } from './seed-market.js';

export interface GenerateArgs {
  scale: ScaleName;
  seed: number;
  reset: boolean;
  referenceDate: string;
  keepIndexes: boolean;
}

export function parseArgs(argv: readonly string[]): GenerateArgs {
  const args: GenerateArgs = { scale: 'demo', seed: 42, reset: false, referenceDate: DEFAULT_REFERENCE_DATE, keepIndexes: false };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2) as [string, string | undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new SeedError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--scale': {
        const scale = value();
        if (!(scale in SCALES)) throw new SeedError(`--scale must be one of ${Object.keys(SCALES).join(', ')} (got "${scale}")`);
        args.scale = scale as ScaleName;
        break;
      }
      case '--seed': {
        const seed = value();
        if (!/^\d+$/.test(seed) || Number(seed) > 0xffffffff) throw new SeedError(`--seed must be an integer from 0 to 4294967295 (got "${seed}")`);
        args.seed = Number(seed);
        break;
      }
      case '--reference-date': {
        const date = value();
        if (!isIsoDate(date)) throw new SeedError(`--reference-date must be a YYYY-MM-DD date (got "${date}")`);
        args.referenceDate = date;
        break;
      }
      case '--reset':
        args.reset = true;
        break;
      case '--keep-indexes':
        args.keepIndexes = true;
        break;
      default:
        throw new SeedError(`unknown argument ${argv[i]}; usage: npm run seed -- --scale demo|large --seed 42 [--reset] [--reference-date YYYY-MM-DD] [--keep-indexes]`);
    }
  }
  return args;
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)} %`;
}

export function formatReport(report: SeedReport): string[] {
  const lines = [`seed ${report.seed}, scale ${report.scale}, reference date ${report.referenceDate}`, ''];
  lines.push(`${'table'.padEnd(28)}${'rows'.padStart(10)}${'seconds'.padStart(10)}${'rows/s'.padStart(12)}`);
  for (const t of report.timings) {
    const rate = t.rows > 0 && !t.table.startsWith('(') ? Math.round(t.rows / Math.max(t.seconds, 1e-6)).toLocaleString('en-US') : '';
    lines.push(`${t.table.padEnd(28)}${(t.rows > 0 ? t.rows.toLocaleString('en-US') : '').padStart(10)}${t.seconds.toFixed(2).padStart(10)}${rate.padStart(12)}`);
  }
  lines.push(`${'total'.padEnd(28)}${''.padStart(10)}${report.totalSeconds.toFixed(2).padStart(10)}`, '');
  lines.push(`suppliers with their head plant in Zhejiang: ${pct(report.zhejiangSupplierShare)}`);
  lines.push('provincial local share of Zhejiang plants\' contracts (value basis, counted value; count basis; same city):');
  for (const s of report.localShares) lines.push(`  ${s.year}: ${pct(s.valueShare)} of value, ${pct(s.countShare)} of ${s.contracts} contracts, same city ${pct(s.sameCityValueShare)}`);
  return lines;
}
