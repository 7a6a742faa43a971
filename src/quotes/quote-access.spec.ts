import { Role, type Principal } from '../access/role.js';
import { canReadQuote } from './quote-access.js';

const actor = (role: Role, organizationId: string): Principal => ({ userId: 'u', role, organizationId, orgAdmin: false, jurisdictionCode: role === Role.BUREAU_ANALYST ? '330200' : null });
const quote = { supplierId: 'supplier' };

describe('canReadQuote', () => {
  it('lets the quoting supplier and the requirement\'s buyer read it', () => {
    expect(canReadQuote(actor(Role.SUPPLIER_ADMIN, 'supplier'), quote, 'oem')).toBe(true);
    expect(canReadQuote(actor(Role.OEM_BUYER, 'oem'), quote, 'oem')).toBe(true);
  });

  it('refuses a competing supplier, another OEM, a bureau analyst and a platform admin', () => {
    expect(canReadQuote(actor(Role.SUPPLIER_ADMIN, 'competitor'), quote, 'oem')).toBe(false);
    expect(canReadQuote(actor(Role.OEM_BUYER, 'other-oem'), quote, 'oem')).toBe(false);
    expect(canReadQuote(actor(Role.BUREAU_ANALYST, 'bureau'), quote, 'oem')).toBe(false);
    expect(canReadQuote(actor(Role.PLATFORM_ADMIN, 'platform'), quote, 'oem')).toBe(false);
  });

  it('refuses a buyer when the requirement\'s owner is unknown', () => {
    expect(canReadQuote(actor(Role.OEM_BUYER, 'oem'), quote, undefined)).toBe(false);
  });
});
