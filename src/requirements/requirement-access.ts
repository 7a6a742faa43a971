/**
 * Who may read a requirement, as a pure rule: its own organisation's users, a platform admin,
 * and anyone while it is OPEN. Once it is no longer OPEN (awarded, closed, cancelled) it stays
 * readable to a supplier organisation *involved* in it — invited to it, quoting on it, or
 * holding a contract for it (requirementsInvolving says which) — so a winner reads what it
 * won. A DRAFT is its buyer's (and the platform's) only, whoever is involved.
 * RequirementsService.get applies it to `requirement(id)`; the requirement loader applies it
 * to every nested field that leads to a requirement (quote, invitation, contract, opportunity).
 */
import { Role, type Principal } from '../access/role.js';
import { RequirementStatus } from './requirement-status.js';

export function canReadRequirement(actor: Principal, requirement: { organizationId: string; status: RequirementStatus }, supplierInvolved = false): boolean {
  if (actor.role === Role.PLATFORM_ADMIN || requirement.organizationId === actor.organizationId) return true;
  if (requirement.status === RequirementStatus.OPEN) return true;
  return actor.role === Role.SUPPLIER_ADMIN && supplierInvolved && requirement.status !== RequirementStatus.DRAFT;
}

/** Whether canReadRequirement's answer for this requirement depends on the supplier's involvement (so it is worth asking). */
export function needsInvolvement(actor: Principal, requirement: { organizationId: string; status: RequirementStatus }): boolean {
  return actor.role === Role.SUPPLIER_ADMIN && requirement.organizationId !== actor.organizationId
    && requirement.status !== RequirementStatus.OPEN && requirement.status !== RequirementStatus.DRAFT;
}
