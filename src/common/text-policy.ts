/**
 * The one text policy of every input (GraphQL arguments, REST bodies and query strings, CSV
 * cells). Pure: no Nest, no class-validator. The validation pipe and the CSV reader apply it;
 * field classes come from the decorators in `text-fields.ts`.
 *
 * Refused everywhere: C0 controls (U+0000–U+001F) except, in free text, tab, line feed and
 * carriage return; DEL (U+007F); C1 controls (U+0080–U+009F); bidirectional embeddings,
 * overrides and isolates (U+202A–U+202E, U+2066–U+2069); unpaired surrogates; noncharacters
 * (U+FDD0–U+FDEF and the last two code points of every plane, U+FFFE and U+FFFF among them).
 * Names (and titles) are trimmed and must keep a visible character; no text but free text may
 * hold a line break. Dates and instants lie within 2000-01-01 … 2100-12-31.
 */

/** `name`: trimmed, non-empty, one line. `line`: one line, as sent. `text`: free text, tab and line breaks allowed. */
export type TextKind = 'name' | 'line' | 'text';

export const EARLIEST_DATE = '2000-01-01';
export const LATEST_DATE = '2100-12-31';
const EARLIEST_INSTANT = Date.parse(`${EARLIEST_DATE}T00:00:00Z`);
// The last instant of 2100-12-31 anywhere on Earth (UTC−12).
const LATEST_INSTANT = Date.parse(`${LATEST_DATE}T23:59:59.999Z`) + 12 * 3600_000;

function hex(code: number): string {
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** What is wrong with one code point, or null; `code` is a UTF-16 unit or a full code point. */
function classify(code: number, kind: TextKind): string | null {
  if (code === 0x09) return kind === 'text' ? null : 'a tab';
  if (code === 0x0a || code === 0x0d) return kind === 'text' ? null : 'a line break';
  if (code < 0x20 || code === 0x7f) return 'a control character';
  if (code >= 0x80 && code <= 0x9f) return 'a control character';
  if ((code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069)) return 'a bidirectional control';
  if ((code >= 0xfdd0 && code <= 0xfdef) || (code & 0xfffe) === 0xfffe) return 'a noncharacter';
  return null;
}

/**
 * The first character the policy refuses in `value`, described for a client
 * (`contains a control character (U+0000) at position 4`), or null when there is none.
 * Positions count UTF-16 units from 1.
 */
export function forbiddenCharacter(value: string, kind: TextKind): string | null {
  for (let i = 0; i < value.length; i += 1) {
    const unit = value.charCodeAt(i);
    let code = unit;
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = i + 1 < value.length ? value.charCodeAt(i + 1) : 0;
      if (next < 0xdc00 || next > 0xdfff) return `contains an unpaired surrogate (${hex(unit)}) at position ${i + 1}`;
      code = 0x10000 + ((unit - 0xd800) << 10) + (next - 0xdc00);
    } else if (unit >= 0xdc00 && unit <= 0xdfff) {
      return `contains an unpaired surrogate (${hex(unit)}) at position ${i + 1}`;
    }
    const problem = classify(code, kind);
    if (problem) return `contains ${problem} (${hex(code)}) at position ${i + 1}`;
    if (code > 0xffff) i += 1;
  }
  return null;
}

/** Whitespace and zero-width characters only: a name made of these says nothing. */
const BLANK = /^[\s\u200b-\u200d\u2060\ufeff]*$/u;

export interface TextOutcome {
  /** The value to keep: trimmed for a name, as sent otherwise. */
  value: string;
  problem: string | null;
}

/**
 * Applies the policy to one value of a field of the given kind. `allowEmpty` lets an optional
 * name be sent empty (kept as ''), e.g. an issuer left out.
 */
export function checkText(value: string, kind: TextKind, options: { allowEmpty?: boolean } = {}): TextOutcome {
  const problem = forbiddenCharacter(value, kind);
  if (problem) return { value, problem };
  if (kind !== 'name') return { value, problem: null };
  const trimmed = value.trim();
  if (trimmed === '' && options.allowEmpty) return { value: trimmed, problem: null };
  if (BLANK.test(trimmed)) return { value: trimmed, problem: 'must not be blank' };
  return { value: trimmed, problem: null };
}

/** A `YYYY-MM-DD` date (already known to exist) outside the accepted range, described; or null. */
export function dateRangeProblem(localDate: string): string | null {
  return localDate < EARLIEST_DATE || localDate > LATEST_DATE ? `must lie between ${EARLIEST_DATE} and ${LATEST_DATE}` : null;
}

/** An instant that is not a valid time or lies outside the accepted range, described; or null. */
export function instantRangeProblem(instant: Date): string | null {
  const time = instant.getTime();
  if (Number.isNaN(time)) return 'must be a valid instant';
  return time < EARLIEST_INSTANT || time > LATEST_INSTANT ? `must lie between ${EARLIEST_DATE} and ${LATEST_DATE}` : null;
}
