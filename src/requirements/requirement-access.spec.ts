import { Role, type Principal } from '../access/role.js';
import { RequirementStatus } from './requirement-status.js';
import { canReadRequirement, needsInvolvement } from './requirement-access.js';

const actor = (role: Role, organizationId = 'org-x'): Principal => ({ userId: 'u', role, organizationId, orgAdmin: false, jurisdictionCode: role === Role.BUREAU_ANALYST ? '330000' : null });
const CLOSED_STATES = [RequirementStatus.AWARDED, RequirementStatus.CLOSED, RequirementStatus.CANCELLED];

describe('canReadRequirement', () => {
  it('lets everyone read an OPEN requirement', () => {
    for (const role of Object.values(Role)) expect(canReadRequirement(actor(role), { organizationId: 'oem', status: RequirementStatus.OPEN })).toBe(true);
  });

  it.each([RequirementStatus.DRAFT, ...CLOSED_STATES])('keeps a %s requirement to its buyer and platform admins, for the uninvolved', (status) => {
    expect(canReadRequirement(actor(Role.OEM_BUYER, 'oem'), { organizationId: 'oem', status })).toBe(true);
    expect(canReadRequirement(actor(Role.PLATFORM_ADMIN), { organizationId: 'oem', status })).toBe(true);
    expect(canReadRequirement(actor(Role.OEM_BUYER), { organizationId: 'oem', status })).toBe(false);
    expect(canReadRequirement(actor(Role.SUPPLIER_ADMIN), { organizationId: 'oem', status })).toBe(false);
    expect(canReadRequirement(actor(Role.BUREAU_ANALYST), { organizationId: 'oem', status })).toBe(false);
  });

  it.each(CLOSED_STATES)('lets an involved supplier (invited, quoting or contracted) read a %s requirement', (status) => {
    expect(canReadRequirement(actor(Role.SUPPLIER_ADMIN), { organizationId: 'oem', status }, true)).toBe(true);
    expect(needsInvolvement(actor(Role.SUPPLIER_ADMIN), { organizationId: 'oem', status })).toBe(true);
  });

  it('never opens a draft through involvement, nor anything to other roles', () => {
    expect(canReadRequirement(actor(Role.SUPPLIER_ADMIN), { organizationId: 'oem', status: RequirementStatus.DRAFT }, true)).toBe(false);
    expect(needsInvolvement(actor(Role.SUPPLIER_ADMIN), { organizationId: 'oem', status: RequirementStatus.DRAFT })).toBe(false);
    for (const role of [Role.OEM_BUYER, Role.BUREAU_ANALYST]) {
      for (const status of CLOSED_STATES) {
        expect(canReadRequirement(actor(role), { organizationId: 'oem', status }, true)).toBe(false);
        expect(needsInvolvement(actor(role), { organizationId: 'oem', status })).toBe(false);
      }
    }
  });
});
