/**
 * Who may read a requirement, as a pure rule: its own organisation's users, a platform admin,
 * and anyone while it is OPEN. A DRAFT, or a requirement that is no longer OPEN (awarded,
 * closed, cancelled), is its buyer's business only. RequirementsService.get applies it to
 * `requirement(id)`; the requirement loader applies it to every nested field that leads to a
 * requirement (quote, invitation, contract, opportunity).
 */
import { Role, type Principal } from '../access/role.js';
import { RequirementStatus } from './requirement-status.js';

export function canReadRequirement(actor: Principal, requirement: { organizationId: string; status: RequirementStatus }): boolean {
  return actor.role === Role.PLATFORM_ADMIN || requirement.organizationId === actor.organizationId || requirement.status === RequirementStatus.OPEN;
}
