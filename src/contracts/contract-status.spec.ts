import { ContractStatus as S } from './contract.entity.js';
import { canTransitionContract, isAmendable, isFinal } from './contract-status.js';

describe('contract status machine', () => {
  const all = [S.SIGNED, S.ACTIVE, S.COMPLETED, S.TERMINATED];
  const allowed = new Set([`${S.SIGNED}>${S.ACTIVE}`, `${S.SIGNED}>${S.TERMINATED}`, `${S.ACTIVE}>${S.COMPLETED}`, `${S.ACTIVE}>${S.TERMINATED}`]);

  it.each(all.flatMap((from) => all.map((to) => [from, to] as const)))('%s → %s', (from, to) => {
    expect(canTransitionContract(from, to)).toBe(allowed.has(`${from}>${to}`));
  });

  it('allows amendments until the contract is over, and nothing after', () => {
    expect(all.map(isAmendable)).toEqual([true, true, false, false]);
    expect(all.map(isFinal)).toEqual([false, false, true, true]);
  });
});
