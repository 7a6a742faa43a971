/**
 * A contract's life, as a pure state machine (no Nest, no TypeORM):
 *
 *   SIGNED → ACTIVE → COMPLETED
 *      │        └───→ TERMINATED (with a reason and, if known, the value delivered)
 *      └────────────→ TERMINATED (called off before any delivery)
 *
 * COMPLETED and TERMINATED are final. Amendments (value, volume, dates) are allowed while a
 * contract is SIGNED or ACTIVE.
 */
import { ContractStatus } from './contract.entity.js';

const TRANSITIONS: Readonly<Record<ContractStatus, readonly ContractStatus[]>> = {
  [ContractStatus.SIGNED]: [ContractStatus.ACTIVE, ContractStatus.TERMINATED],
  [ContractStatus.ACTIVE]: [ContractStatus.COMPLETED, ContractStatus.TERMINATED],
  [ContractStatus.COMPLETED]: [],
  [ContractStatus.TERMINATED]: [],
};

export function canTransitionContract(from: ContractStatus, to: ContractStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Value, volume and dates can be amended until the contract is over. */
export function isAmendable(status: ContractStatus): boolean {
  return status === ContractStatus.SIGNED || status === ContractStatus.ACTIVE;
}

export function isFinal(status: ContractStatus): boolean {
  return TRANSITIONS[status].length === 0;
}
