/**
 * npm run export:ocds -- [--buyer-region 330000] [--from 2025-01-01] [--to 2025-12-31]
 *                        [--source AWARDED|RECORDED] [--ocid-prefix ocds-xxxxxx] [--out file.json]
 *
 * Writes every matching contract as one OCDS 1.1 release package (one release per contracting
 * process), checked against src/contracts/ocds/release-package.schema.json, to --out or
 * stdout. Reads DATABASE_URL, or the embedded database in DATA_DIR. An operator's tool: it
 * sees every contract, so run it where the data may be published.
 */
import { writeFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../config/config.js';
import { runCli, withDatabase } from '../../database/with-database.js';
import { dataSourceOptions } from '../../database/data-source-options.js';
import { isLocalDate } from '../../common/local-date.scalar.js';
import { isRegionCode } from '../../locality/region-codes.js';
import { ContractSource } from '../contract.entity.js';
import type { ContractFilter } from '../dto/contract.inputs.js';
import { OcdsService } from './ocds.service.js';

export interface ExportArguments {
  filter: ContractFilter;
  ocidPrefix?: string;
  out?: string;
}

/** Parses the command line; throws an Error naming the bad argument. */
export function parseExportArguments(argv: readonly string[]): ExportArguments {
  const result: ExportArguments = { filter: {} };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    switch (flag) {
      case '--buyer-region':
        if (!isRegionCode(value)) throw new Error('--buyer-region must be a six-digit GB/T 2260 code');
        result.filter.buyerRegionCode = value;
        break;
      case '--from':
      case '--to':
        if (!isLocalDate(value)) throw new Error(`${flag} must be a date YYYY-MM-DD`);
        if (flag === '--from') result.filter.signedFrom = value;
        else result.filter.signedTo = value;
        break;
      case '--source':
        if (value !== ContractSource.AWARDED && value !== ContractSource.RECORDED) throw new Error('--source must be AWARDED or RECORDED');
        result.filter.source = [value];
        break;
      case '--ocid-prefix':
        if (!/^ocds-[a-z0-9]{6}$/.test(value)) throw new Error('--ocid-prefix must look like ocds-abc123');
        result.ocidPrefix = value;
        break;
      case '--out':
        result.out = value;
        break;
      default:
        throw new Error(`unknown argument ${flag}`);
    }
  }
  return result;
}

async function main(): Promise<number | void> {
  let args: ExportArguments;
  try {
    args = parseExportArguments(process.argv.slice(2));
  } catch (error) {
    console.error(`${(error as Error).message}\nusage: npm run export:ocds -- [--buyer-region CODE] [--from DATE] [--to DATE] [--source AWARDED|RECORDED] [--ocid-prefix ocds-xxxxxx] [--out FILE]`);
    return 2;
  }
  await withDatabase(loadConfig(), async (url) => {
    const dataSource = new DataSource(dataSourceOptions(url));
    await dataSource.initialize();
    try {
      await dataSource.runMigrations({ transaction: 'each' });
      const pkg = await new OcdsService(dataSource).exportAll(args.filter, { ocidPrefix: args.ocidPrefix });
      if (!pkg) {
        console.error('No contract matches: nothing to export (a release package holds at least one release).');
        return;
      }
      const json = JSON.stringify(pkg, null, 2);
      if (args.out) {
        writeFileSync(args.out, json + '\n');
        console.error(`Wrote ${pkg.releases.length} releases to ${args.out}`);
      } else {
        process.stdout.write(json + '\n');
      }
    } finally {
      await dataSource.destroy();
    }
  });
}

if (process.argv[1]?.endsWith('export-cli.js')) runCli('export:ocds', main);
