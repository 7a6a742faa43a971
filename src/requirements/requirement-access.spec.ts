import { Role, type Principal } from '../access/role.js';
import { RequirementStatus } from './requirement-status.js';
import { canReadRequirement } from './requirement-access.js';

const actor = (role: Role, organizationId = 'org-x'): Principal => ({ userId: 'u', role, organizationId, orgAdmin: false, jurisdictionCode: role === Role.BUREAU_ANALYST ? '330000' : null });

describe('canReadRequirement', () => {
  it('lets everyone read an OPEN requirement', () => {
    for (const role of Object.values(Role)) expect(canReadRequirement(actor(role), { organizationId: 'oem', status: RequirementStatus.OPEN })).toBe(true);
  });

  it.each([RequirementStatus.DRAFT, RequirementStatus.AWARDED, RequirementStatus.CLOSED, RequirementStatus.CANCELLED])('keeps a %s requirement to its buyer and platform admins', (status) => {
    expect(canReadRequirement(actor(Role.OEM_BUYER, 'oem'), { organizationId: 'oem', status })).toBe(true);
    expect(canReadRequirement(actor(Role.PLATFORM_ADMIN), { organizationId: 'oem', status })).toBe(true);
    expect(canReadRequirement(actor(Role.OEM_BUYER), { organizationId: 'oem', status })).toBe(false);
    expect(canReadRequirement(actor(Role.SUPPLIER_ADMIN), { organizationId: 'oem', status })).toBe(false);
    expect(canReadRequirement(actor(Role.BUREAU_ANALYST), { organizationId: 'oem', status })).toBe(false);
  });
});
