import type DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { manyBy } from '../common/loaders.js';
import { ContractAmendment } from './contract.entity.js';

/** A contract's amendments; read only through a contract the caller may already read. */
export interface ContractLoaders {
  contractAmendments: DataLoader<string, ContractAmendment[]>;
}

export function createContractLoaders(dataSource: DataSource): ContractLoaders {
  return { contractAmendments: manyBy(dataSource, ContractAmendment, 'contractId', { sequence: 'ASC' }) };
}
