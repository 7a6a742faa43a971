import { Role, type Principal } from '../access/role.js';
import { RequirementStatus } from '../requirements/requirement-status.js';
import { attachRefusal, canReadCertificationDocuments } from './document-access.js';

const actor = (role: Role, organizationId: string): Principal => ({ userId: 'u', role, organizationId, orgAdmin: true, jurisdictionCode: role === Role.BUREAU_ANALYST ? '330200' : null });

describe('document access', () => {
  it('shows certificate scans to the holder and to OEM buyers only', () => {
    expect(canReadCertificationDocuments(actor(Role.SUPPLIER_ADMIN, 'S'), { organizationId: 'S' })).toBe(true);
    expect(canReadCertificationDocuments(actor(Role.OEM_BUYER, 'O'), { organizationId: 'S' })).toBe(true);
    expect(canReadCertificationDocuments(actor(Role.SUPPLIER_ADMIN, 'T'), { organizationId: 'S' })).toBe(false);
    expect(canReadCertificationDocuments(actor(Role.BUREAU_ANALYST, 'B'), { organizationId: 'S' })).toBe(false);
    expect(canReadCertificationDocuments(actor(Role.PLATFORM_ADMIN, 'P'), { organizationId: 'S' })).toBe(false);
  });

  it('lets the buyer attach to its DRAFT or OPEN requirement only', () => {
    const requirement = (status: RequirementStatus) => ({ kind: 'REQUIREMENT' as const, organizationId: 'O', status });
    expect(attachRefusal(actor(Role.OEM_BUYER, 'O'), requirement(RequirementStatus.DRAFT))).toBeNull();
    expect(attachRefusal(actor(Role.OEM_BUYER, 'O'), requirement(RequirementStatus.OPEN))).toBeNull();
    expect(attachRefusal(actor(Role.OEM_BUYER, 'O'), requirement(RequirementStatus.AWARDED))).toMatch(/AWARDED/);
    expect(attachRefusal(actor(Role.OEM_BUYER, 'X'), requirement(RequirementStatus.OPEN))).toMatch(/buyer/);
    expect(attachRefusal(actor(Role.PLATFORM_ADMIN, 'O'), requirement(RequirementStatus.OPEN))).toMatch(/buyer/);
  });

  it('lets the holder attach certificate scans, and either party contract documents', () => {
    expect(attachRefusal(actor(Role.SUPPLIER_ADMIN, 'S'), { kind: 'CERTIFICATION', organizationId: 'S' })).toBeNull();
    expect(attachRefusal(actor(Role.SUPPLIER_ADMIN, 'T'), { kind: 'CERTIFICATION', organizationId: 'S' })).not.toBeNull();
    const contract = { kind: 'CONTRACT' as const, buyerOrganizationId: 'O', supplierOrganizationId: 'S' };
    expect(attachRefusal(actor(Role.OEM_BUYER, 'O'), contract)).toBeNull();
    expect(attachRefusal(actor(Role.SUPPLIER_ADMIN, 'S'), contract)).toBeNull();
    expect(attachRefusal(actor(Role.BUREAU_ANALYST, 'B'), contract)).not.toBeNull();
    expect(attachRefusal(actor(Role.SUPPLIER_ADMIN, 'T'), contract)).not.toBeNull();
  });
});
