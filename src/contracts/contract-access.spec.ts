import { Role, type Principal } from '../access/role.js';
import { canReadContract } from './contract-access.js';

const contract = { buyerOrganizationId: 'buyer', supplierOrganizationId: 'supplier', buyerRegionCode: '330206' };
const actor = (role: Role, organizationId: string, jurisdictionCode: string | null = null): Principal => ({ userId: 'u', role, organizationId, orgAdmin: true, jurisdictionCode });

describe('who may read a contract', () => {
  it.each([
    ['the buyer', actor(Role.OEM_BUYER, 'buyer'), true],
    ['the supplier', actor(Role.SUPPLIER_ADMIN, 'supplier'), true],
    ['another OEM', actor(Role.OEM_BUYER, 'other'), false],
    ['another supplier', actor(Role.SUPPLIER_ADMIN, 'other'), false],
    ['the province\'s bureau', actor(Role.BUREAU_ANALYST, 'bureau', '330000'), true],
    ['the city\'s bureau', actor(Role.BUREAU_ANALYST, 'bureau', '330200'), true],
    ['the county\'s bureau', actor(Role.BUREAU_ANALYST, 'bureau', '330206'), true],
    ['another county\'s bureau', actor(Role.BUREAU_ANALYST, 'bureau', '330212'), false],
    ['another province\'s bureau', actor(Role.BUREAU_ANALYST, 'bureau', '320000'), false],
    ['a bureau without jurisdiction', actor(Role.BUREAU_ANALYST, 'bureau'), false],
    ['a platform admin', actor(Role.PLATFORM_ADMIN, 'platform'), false],
  ])('%s: %s', (_name, who, expected) => {
    expect(canReadContract(who, contract)).toBe(expected);
  });
});
