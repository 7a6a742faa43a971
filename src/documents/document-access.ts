/**
 * Who may read and attach documents, as pure rules: each parent's own rule, reused.
 * - a requirement's documents: whoever may read the requirement (canReadRequirement); attached by
 *   its buyer while it is a DRAFT or OPEN;
 * - a certification's scans: the supplier that holds it, and OEM buyers (who may see every
 *   supplier's profile); attached by the holder;
 * - a contract's documents: whoever may read the contract (canReadContract: its two parties and
 *   the bureau of the buyer plant); attached by either party.
 * A document is deleted only by its uploader's organisation, while it may still attach.
 */
import { Role, type Principal } from '../access/role.js';
import { RequirementStatus } from '../requirements/requirement-status.js';

export function canReadCertificationDocuments(actor: Principal, certification: { organizationId: string }): boolean {
  return certification.organizationId === actor.organizationId || actor.role === Role.OEM_BUYER;
}

/** Why the caller may not attach to the parent, or null when it may. */
export function attachRefusal(actor: Principal, parent:
  | { kind: 'REQUIREMENT'; organizationId: string; status: RequirementStatus }
  | { kind: 'CERTIFICATION'; organizationId: string }
  | { kind: 'CONTRACT'; buyerOrganizationId: string; supplierOrganizationId: string }): string | null {
  switch (parent.kind) {
    case 'REQUIREMENT':
      if (actor.role !== Role.OEM_BUYER || parent.organizationId !== actor.organizationId) return 'Only the buyer that posted a requirement attaches documents to it';
      if (parent.status !== RequirementStatus.DRAFT && parent.status !== RequirementStatus.OPEN) return `The requirement is ${parent.status}: its documents can no longer change`;
      return null;
    case 'CERTIFICATION':
      return actor.role === Role.SUPPLIER_ADMIN && parent.organizationId === actor.organizationId ? null : 'Only the supplier holding a certification attaches its scans';
    case 'CONTRACT':
      return (actor.role === Role.OEM_BUYER || actor.role === Role.SUPPLIER_ADMIN) && (parent.buyerOrganizationId === actor.organizationId || parent.supplierOrganizationId === actor.organizationId)
        ? null
        : 'Only the parties to a contract attach documents to it';
  }
}
