import { Role, type Principal } from '../access/role.js';

/** The part of a user the management rules look at. */
export interface ManagedUser {
  id: string;
  organizationId: string;
}

/**
 * Who may disable, re-enable or otherwise manage a user: a platform admin, anyone's; an
 * organisation's admin, its own organisation's users only; nobody else. Nobody disables
 * themselves (an organisation would lock out its last admin).
 */
export function mayManageUser(actor: Principal, target: ManagedUser): boolean {
  if (actor.role === Role.PLATFORM_ADMIN) return true;
  return actor.orgAdmin && actor.organizationId === target.organizationId;
}

/** Why a status change is refused, or null when it may go ahead. */
export function userStatusChangeRefusal(actor: Principal, target: ManagedUser, active: boolean): 'FORBIDDEN' | 'SELF' | null {
  if (!mayManageUser(actor, target)) return 'FORBIDDEN';
  if (!active && actor.userId === target.id) return 'SELF';
  return null;
}
