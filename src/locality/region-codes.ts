/**
 * Pure helpers over 6-digit GB/T 2260 codes: `33xxxx` is in Zhejiang; `3302xx` is in Ningbo.
 * Province codes end in 0000, city codes in 00.
 */
export type CodeLevel = 'PROVINCE' | 'CITY' | 'COUNTY';

/** Six digits, the first not 0. */
export const REGION_CODE_PATTERN = /^[1-9]\d{5}$/;

export function isRegionCode(code: string): boolean {
  return REGION_CODE_PATTERN.test(code);
}

export function codeLevel(code: string): CodeLevel {
  if (code.endsWith('0000')) return 'PROVINCE';
  if (code.endsWith('00')) return 'CITY';
  return 'COUNTY';
}

export function provinceOf(code: string): string {
  return code.slice(0, 2) + '0000';
}

export function cityOf(code: string): string | null {
  return codeLevel(code) === 'PROVINCE' ? null : code.slice(0, 4) + '00';
}

/** The prefix that every code inside `area` starts with. */
export function regionPrefix(area: string): string {
  switch (codeLevel(area)) {
    case 'PROVINCE':
      return area.slice(0, 2);
    case 'CITY':
      return area.slice(0, 4);
    case 'COUNTY':
      return area;
  }
}

/** Is `code` the area itself or inside it? */
export function isWithin(code: string, area: string): boolean {
  return code.startsWith(regionPrefix(area));
}
