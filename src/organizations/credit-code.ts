/**
 * 统一社会信用代码, the unified social credit code of GB 32100-2015: 18 characters from a
 * 31-character alphabet (digits and capitals without I, O, S, V, Z); the last one is a
 * check character computed from the first seventeen with the standard's weights.
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export type CreditCodeProblem = 'LENGTH' | 'CHARACTER' | 'CHECKSUM';

/** The check character for the first seventeen characters. */
export function creditCodeCheckCharacter(first17: string): string {
  if (first17.length !== 17) throw new Error('expected 17 characters');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = ALPHABET.indexOf(first17[i]);
    if (value < 0) throw new Error(`character ${first17[i]} is not allowed`);
    sum += value * WEIGHTS[i];
  }
  return ALPHABET[(31 - (sum % 31)) % 31];
}

/** Null when valid; otherwise what is wrong. Lower case is not accepted: codes are printed upper case. */
export function creditCodeProblem(code: string): CreditCodeProblem | null {
  if (code.length !== 18) return 'LENGTH';
  for (const char of code) if (!ALPHABET.includes(char)) return 'CHARACTER';
  return creditCodeCheckCharacter(code.slice(0, 17)) === code[17] ? null : 'CHECKSUM';
}

export function describeCreditCodeProblem(problem: CreditCodeProblem): string {
  switch (problem) {
    case 'LENGTH':
      return 'a unified social credit code has 18 characters';
    case 'CHARACTER':
      return 'a unified social credit code uses digits and capital letters except I, O, S, V, Z';
    case 'CHECKSUM':
      return 'the check character (18th) does not match GB 32100-2015';
    default: {
      const unknown: never = problem;
      return String(unknown);
    }
  }
}
