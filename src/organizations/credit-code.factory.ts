import { creditCodeCheckCharacter } from './credit-code.js';

/**
 * A well-formed code for generated data: registration authority 9 (市场监管), type 1
 * (enterprise), the region, a serial as the organisation code, and the check character.
 * Generated codes are illustrative and belong to no real firm.
 */
export function makeCreditCode(regionCode: string, serial: number): string {
  const first17 = `91${regionCode}${String(serial).padStart(9, '0')}`;
  return first17 + creditCodeCheckCharacter(first17);
}
