import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppError, ErrorCode } from '../../common/app-error.js';
import { readCsvStream } from '../../common/csv-reader.js';
import type { Principal } from '../../access/role.js';
import { Site } from '../../organizations/site.entity.js';
import { RecordedContractsService } from '../recorded-contracts.service.js';
import type { RecordContractInput } from '../dto/contract.inputs.js';
import { COLUMN_OF_FIELD, CONTRACT_FREE_TEXT_COLUMNS, CONTRACT_IMPORT_COLUMNS, CONTRACT_REQUIRED_COLUMNS, parseContractRow, type ContractImportRow, type ContractRowProblem } from './contract-import-row.js';

export interface ContractImportReport {
  rows: number;
  created: number;
  unchanged: number;
  rejected: ContractRowProblem[];
}

const MAX_ROWS = 20_000;

/**
 * A buyer's existing contracts from CSV. Each row is checked on its own, then recorded like
 * `recordContract` in its own transaction: a bad row is reported with its line number and
 * column and does not stop the others. Idempotent on the buyer's own reference: importing the
 * same file again records nothing new (the rows come back as unchanged).
 */
@Injectable()
export class ContractImportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly recorded: RecordedContractsService,
  ) {}

  /** `csv`: the text, or a stream of it (an upload), read as it arrives. */
  async importCsv(actor: Principal, csv: string | AsyncIterable<Uint8Array | string>): Promise<ContractImportReport> {
    const records = await readCsvStream(csv, { columns: CONTRACT_IMPORT_COLUMNS, required: CONTRACT_REQUIRED_COLUMNS, maxRows: MAX_ROWS, freeText: CONTRACT_FREE_TEXT_COLUMNS });
    const report: ContractImportReport = { rows: records.length, created: 0, unchanged: 0, rejected: [] };
    const plants = await this.dataSource.getRepository(Site).findBy({ organizationId: actor.organizationId });
    const plantId = new Map<string, string>([...plants.map((p) => [p.name, p.id] as const), ...plants.map((p) => [p.id, p.id] as const)]);
    for (const { line, raw, problems } of records) {
      if (problems) {
        report.rejected.push(...problems.map((p) => ({ line, ...p })));
        continue;
      }
      const parsed = parseContractRow(raw, line);
      if ('problems' in parsed) {
        report.rejected.push(...parsed.problems);
        continue;
      }
      const buyerSiteId = plantId.get(parsed.row.buyerPlant);
      if (!buyerSiteId) {
        report.rejected.push({ line, column: 'buyer_plant', message: `you have no plant named ${parsed.row.buyerPlant}` });
        continue;
      }
      try {
        const outcome = await this.recorded.record(actor, toInput(parsed.row, buyerSiteId));
        if (outcome.created) report.created += 1;
        else report.unchanged += 1;
      } catch (error) {
        if (!(error instanceof AppError) || error.code === ErrorCode.INTERNAL) throw error;
        report.rejected.push(...problemsOf(error, line));
      }
    }
    report.rejected.sort((a, b) => a.line - b.line);
    return report;
  }
}

function toInput(row: ContractImportRow, buyerSiteId: string): RecordContractInput {
  return {
    buyerReference: row.reference,
    buyerSiteId,
    supplier: { creditCode: row.supplier.creditCode, legalName: row.supplier.legalName, plant: { ...row.supplier.plant } },
    categoryCode: row.categoryCode,
    totalValue: row.totalValue,
    volume: row.volume,
    unitPrice: row.unitPrice,
    signedDate: row.signedDate,
    startDate: row.startDate,
    endDate: row.endDate,
    status: row.status,
    deliveredValue: row.deliveredValue,
    terminationReason: row.terminationReason,
  };
}

/** A row's refusal, by column where the error names a field. */
function problemsOf(error: AppError, line: number): ContractRowProblem[] {
  if (error.fields.length > 0) {
    return error.fields.map((f) => ({ line, column: COLUMN_OF_FIELD[f.field] ?? '', message: f.message }));
  }
  const column = error.code === ErrorCode.CONFLICT ? 'reference' : error.code === ErrorCode.NOT_FOUND && error.message.startsWith('Region') ? 'supplier_region_code' : error.code === ErrorCode.FORBIDDEN ? 'buyer_plant' : '';
  return [{ line, column, message: error.message }];
}

