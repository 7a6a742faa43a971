/**
 * What a bureau's supplier import may write, as a pure rule. A bureau edits only what lies in
 * its jurisdiction and what it owns:
 * - every plant of a row must be in China, in a county inside the bureau's jurisdiction;
 * - the row's organisation must be new (its credit code not registered), or one that this
 *   bureau's own import created and that has no user of its own yet (once a supplier has users,
 *   its profile is theirs: a bureau adds no plant, capability or certificate to it).
 * A platform admin and the operator's CLI import anywhere (they onboard organisations).
 */
import { isWithin } from '../../locality/region-codes.js';

export interface BureauScope {
  organizationId: string;
  jurisdictionCode: string;
}

export interface RegisteredOrganization {
  createdByOrganizationId: string | null;
  hasUsers: boolean;
}

export interface ScopedRow {
  countryCode: string;
  regionCode: string | null;
}

/** The column and message refusing the row, or null when the bureau may import it. */
export function bureauImportProblem(bureau: BureauScope, row: ScopedRow, registered: RegisteredOrganization | undefined): { column: string; message: string } | null {
  if (row.countryCode !== 'CN' || row.regionCode === null || !isWithin(row.regionCode, bureau.jurisdictionCode)) {
    return { column: 'region_code', message: `a bureau imports plants inside its jurisdiction (${bureau.jurisdictionCode}) only` };
  }
  if (registered && (registered.createdByOrganizationId !== bureau.organizationId || registered.hasUsers)) {
    return { column: 'credit_code', message: 'this organisation is already registered and not one your import created for it: its own users (or the platform) edit its profile' };
  }
  return null;
}
