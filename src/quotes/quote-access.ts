/**
 * Who may read a quote, as a pure rule: its supplier's users, and the users of the OEM that
 * posted the requirement it answers. Nobody else — not a bureau analyst, not a platform admin,
 * not a competing supplier: prices and notes are the two parties' business. QuotesService.get
 * applies it to `quote(id)`; the quote loader applies it to every nested field that leads to a
 * quote (a contract's quote).
 */
import { Role, type Principal } from '../access/role.js';

/** `requirementOwnerId`: the organisation that posted the quote's requirement. */
export function canReadQuote(actor: Principal, quote: { supplierId: string }, requirementOwnerId: string | undefined): boolean {
  switch (actor.role) {
    case Role.SUPPLIER_ADMIN:
      return quote.supplierId === actor.organizationId;
    case Role.OEM_BUYER:
      return requirementOwnerId === actor.organizationId;
    case Role.BUREAU_ANALYST:
    case Role.PLATFORM_ADMIN:
      return false;
    default: {
      const unknownRole: never = actor.role;
      throw new Error(`unknown role ${String(unknownRole)}`);
    }
  }
}
