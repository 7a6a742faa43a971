import { creditCodeCheckCharacter, creditCodeProblem } from './credit-code.js';

describe('unified social credit code (GB 32100-2015)', () => {
  it('accepts the example code printed in the standard', () => {
    // GB 32100-2015, Appendix example: 91350100M000100Y43.
    expect(creditCodeProblem('91350100M000100Y43')).toBeNull();
  });

  it('computes check characters that wrap to 0 and letters', () => {
    expect(creditCodeCheckCharacter('91350100M000100Y4')).toBe('3');
    const code = '91330200MA2H' + '00001';
    const check = creditCodeCheckCharacter(code);
    expect(creditCodeProblem(code + check)).toBeNull();
  });

  it('rejects a wrong check character', () => {
    expect(creditCodeProblem('91350100M000100Y44')).toBe('CHECKSUM');
  });

  it('rejects the wrong length and forbidden letters', () => {
    expect(creditCodeProblem('91350100M000100Y4')).toBe('LENGTH');
    expect(creditCodeProblem('91350100M000100I43')).toBe('CHARACTER');
    expect(creditCodeProblem('91350100m000100y43')).toBe('CHARACTER');
  });
});
