/**
 * The supplier's answer to a recorded contract that names it, as pure rules. The buyer declares
 * a recorded contract alone; the supplier named by it may confirm it (these are our terms) or
 * dispute it (with a reason), and change its answer later. A contract made by an award is
 * confirmed by construction: the supplier's own quote was accepted on the platform. An
 * amendment by the buyer puts a confirmed recorded contract back to UNCONFIRMED: the supplier
 * confirmed other terms.
 */
import { Role, type Principal } from '../access/role.js';
import { ContractSource, SupplierConfirmation } from './contract.entity.js';

export interface ConfirmableContract {
  source: ContractSource;
  supplierOrganizationId: string;
  supplierConfirmation: SupplierConfirmation;
}

export type ConfirmationAnswer = SupplierConfirmation.CONFIRMED | SupplierConfirmation.DISPUTED;

/** Why the caller may not give this answer, or null when it may. */
export function confirmationProblem(actor: Principal, contract: ConfirmableContract, answer: ConfirmationAnswer, note: string): { code: 'FORBIDDEN' | 'CONFLICT' | 'BAD_USER_INPUT'; message: string } | null {
  if (actor.role !== Role.SUPPLIER_ADMIN || actor.organizationId !== contract.supplierOrganizationId) {
    return { code: 'FORBIDDEN', message: 'Only the supplier named by the contract may confirm or dispute it' };
  }
  if (contract.source !== ContractSource.RECORDED) return { code: 'CONFLICT', message: 'A contract made by an award is confirmed by the accepted quote' };
  if (contract.supplierConfirmation === answer) return { code: 'CONFLICT', message: `The contract is already ${answer}` };
  if (answer === SupplierConfirmation.DISPUTED && note.trim() === '') return { code: 'BAD_USER_INPUT', message: 'say what is wrong with the contract' };
  return null;
}

/** The confirmation after the buyer amends the contract. */
export function confirmationAfterAmendment(contract: ConfirmableContract): SupplierConfirmation {
  return contract.source === ContractSource.RECORDED && contract.supplierConfirmation === SupplierConfirmation.CONFIRMED ? SupplierConfirmation.UNCONFIRMED : contract.supplierConfirmation;
}
