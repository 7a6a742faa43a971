import { Role, type Principal } from '../access/role.js';
import { ContractSource, SupplierConfirmation as C } from './contract.entity.js';
import { confirmationAfterAmendment, confirmationProblem } from './contract-confirmation.js';

const supplier: Principal = { userId: 'u1', role: Role.SUPPLIER_ADMIN, organizationId: 'sup', orgAdmin: true, jurisdictionCode: null };
const recorded = { source: ContractSource.RECORDED, supplierOrganizationId: 'sup', supplierConfirmation: C.UNCONFIRMED };

describe('supplier confirmation of a recorded contract', () => {
  it('lets the named supplier confirm, and dispute with a reason', () => {
    expect(confirmationProblem(supplier, recorded, C.CONFIRMED, '')).toBeNull();
    expect(confirmationProblem(supplier, recorded, C.DISPUTED, '金额不符')).toBeNull();
    expect(confirmationProblem(supplier, recorded, C.DISPUTED, '  ')?.code).toBe('BAD_USER_INPUT');
    expect(confirmationProblem(supplier, { ...recorded, supplierConfirmation: C.DISPUTED }, C.CONFIRMED, '')).toBeNull();
  });

  it('refuses everyone else, whatever the role', () => {
    for (const role of [Role.OEM_BUYER, Role.BUREAU_ANALYST, Role.PLATFORM_ADMIN]) {
      expect(confirmationProblem({ ...supplier, role }, recorded, C.CONFIRMED, '')?.code).toBe('FORBIDDEN');
    }
    expect(confirmationProblem({ ...supplier, organizationId: 'other' }, recorded, C.CONFIRMED, '')?.code).toBe('FORBIDDEN');
  });

  it('refuses awarded contracts and the same answer twice', () => {
    expect(confirmationProblem(supplier, { ...recorded, source: ContractSource.AWARDED }, C.CONFIRMED, '')?.code).toBe('CONFLICT');
    expect(confirmationProblem(supplier, { ...recorded, supplierConfirmation: C.CONFIRMED }, C.CONFIRMED, '')?.code).toBe('CONFLICT');
  });

  it('an amendment reopens a confirmed recorded contract, and nothing else', () => {
    expect(confirmationAfterAmendment({ ...recorded, supplierConfirmation: C.CONFIRMED })).toBe(C.UNCONFIRMED);
    expect(confirmationAfterAmendment({ ...recorded, supplierConfirmation: C.DISPUTED })).toBe(C.DISPUTED);
    expect(confirmationAfterAmendment({ ...recorded, source: ContractSource.AWARDED, supplierConfirmation: C.CONFIRMED })).toBe(C.CONFIRMED);
  });
});
