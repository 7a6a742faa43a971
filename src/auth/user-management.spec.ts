import { Role, type Principal } from '../access/role.js';
import { mayManageUser, userStatusChangeRefusal } from './user-management.js';

const ORG_A = '00000000-0000-4000-8000-00000000000a';
const ORG_B = '00000000-0000-4000-8000-00000000000b';
const TARGET = { id: '00000000-0000-4000-8000-000000000001', organizationId: ORG_A };

function actor(role: Role, organizationId: string, orgAdmin: boolean, userId = '00000000-0000-4000-8000-000000000099'): Principal {
  return { userId, role, organizationId, orgAdmin, jurisdictionCode: role === Role.BUREAU_ANALYST ? '330000' : null };
}

describe('mayManageUser', () => {
  it('lets a platform admin manage anyone', () => {
    expect(mayManageUser(actor(Role.PLATFORM_ADMIN, ORG_B, false), TARGET)).toBe(true);
    expect(mayManageUser(actor(Role.PLATFORM_ADMIN, ORG_B, true), TARGET)).toBe(true);
  });

  it.each([Role.OEM_BUYER, Role.SUPPLIER_ADMIN, Role.BUREAU_ANALYST])('lets a %s organisation admin manage its own organisation only', (role) => {
    expect(mayManageUser(actor(role, ORG_A, true), TARGET)).toBe(true);
    expect(mayManageUser(actor(role, ORG_B, true), TARGET)).toBe(false);
    expect(mayManageUser(actor(role, ORG_A, false), TARGET)).toBe(false);
  });
});

describe('userStatusChangeRefusal', () => {
  it('refuses disabling yourself, allows re-enabling logic to reach the rule', () => {
    const self = actor(Role.OEM_BUYER, ORG_A, true, TARGET.id);
    expect(userStatusChangeRefusal(self, TARGET, false)).toBe('SELF');
    expect(userStatusChangeRefusal(self, TARGET, true)).toBeNull();
  });

  it('refuses a foreign organisation before anything else', () => {
    expect(userStatusChangeRefusal(actor(Role.SUPPLIER_ADMIN, ORG_B, true), TARGET, false)).toBe('FORBIDDEN');
    expect(userStatusChangeRefusal(actor(Role.SUPPLIER_ADMIN, ORG_A, true), TARGET, false)).toBeNull();
  });
});
