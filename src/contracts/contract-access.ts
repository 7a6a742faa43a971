/**
 * Who may read a contract, as a pure rule: its two parties (the buyer's and the supplier's
 * users), and a bureau analyst when the buyer plant lies in the bureau's jurisdiction (read
 * only). Nobody else — not even a platform admin: contract terms are the parties' business.
 * ContractsRepository.visibleTo is the same rule in SQL, for lists.
 */
import { Role, type Principal } from '../access/role.js';
import { isWithin } from '../locality/region-codes.js';

export interface ContractParties {
  buyerOrganizationId: string;
  supplierOrganizationId: string;
  buyerRegionCode: string;
}

export function canReadContract(actor: Principal, contract: ContractParties): boolean {
  switch (actor.role) {
    case Role.BUREAU_ANALYST:
      return actor.jurisdictionCode !== null && isWithin(contract.buyerRegionCode, actor.jurisdictionCode);
    case Role.OEM_BUYER:
    case Role.SUPPLIER_ADMIN:
      return contract.buyerOrganizationId === actor.organizationId || contract.supplierOrganizationId === actor.organizationId;
    case Role.PLATFORM_ADMIN:
      return false;
    default: {
      const unknownRole: never = actor.role;
      throw new Error(`unknown role ${String(unknownRole)}`);
    }
  }
}
