/**
 * How certification levels compare, defined once. Levels are stored as the short codes
 * below; each scheme lists them weakest first.
 */
export type LevelScheme = 'HELD' | 'ASIL' | 'AEC_GRADE' | 'ASPICE_LEVEL' | 'PPAP_LEVEL';

export const LEVEL_SCHEMES: Record<LevelScheme, readonly string[]> = {
  /** Held or not: no level. */
  HELD: [],
  /** ISO 26262: QM < ASIL A < B < C < D. */
  ASIL: ['QM', 'A', 'B', 'C', 'D'],
  /** AEC-Q grades: 3 (−40…85 °C) < 2 (105 °C) < 1 (125 °C) < 0 (150 °C). */
  AEC_GRADE: ['3', '2', '1', '0'],
  /** Automotive SPICE capability level 0–5. */
  ASPICE_LEVEL: ['0', '1', '2', '3', '4', '5'],
  /** PPAP submission level 1–5. */
  PPAP_LEVEL: ['1', '2', '3', '4', '5'],
};

export function isLevelOf(scheme: LevelScheme, level: string | null | undefined): boolean {
  if (scheme === 'HELD') return level == null;
  return level != null && LEVEL_SCHEMES[scheme].includes(level);
}

/** Position of a level in its scheme (0 = weakest); a held-only certificate ranks 0. */
export function levelRank(scheme: LevelScheme, level: string | null | undefined): number {
  if (scheme === 'HELD') return 0;
  const rank = LEVEL_SCHEMES[scheme].indexOf(level ?? '');
  if (rank < 0) throw new Error(`level ${String(level)} is not of scheme ${scheme}`);
  return rank;
}

/** Does `held` satisfy `minimum`? A null minimum asks only that the certificate be held. */
export function meetsMinimum(scheme: LevelScheme, held: string | null, minimum: string | null): boolean {
  if (minimum == null || scheme === 'HELD') return true;
  return levelRank(scheme, held) >= levelRank(scheme, minimum);
}

/** How far above the minimum, as a share of the headroom the scheme allows (0…1). */
export function strengthBeyond(scheme: LevelScheme, held: string | null, minimum: string | null): number {
  const levels = LEVEL_SCHEMES[scheme];
  if (levels.length === 0) return 0;
  const base = minimum == null ? 0 : levelRank(scheme, minimum);
  const top = levels.length - 1;
  if (top === base) return 0;
  return Math.max(0, levelRank(scheme, held) - base) / (top - base);
}

/** Human wording: "ASIL C", "grade 1", "CL 2", "level 3", or "held". */
export function describeLevel(scheme: LevelScheme, level: string | null): string {
  switch (scheme) {
    case 'HELD':
      return 'held';
    case 'ASIL':
      return level === 'QM' ? 'QM' : `ASIL ${String(level)}`;
    case 'AEC_GRADE':
      return `grade ${String(level)}`;
    case 'ASPICE_LEVEL':
      return `CL ${String(level)}`;
    case 'PPAP_LEVEL':
      return `level ${String(level)}`;
    default: {
      const unknown: never = scheme;
      return String(unknown);
    }
  }
}
