/**
 * PostgreSQL `COPY … FROM STDIN` text format: one line per row, fields separated by tabs,
 * `\N` for NULL, and backslash, tab, newline and carriage return escaped with a backslash.
 */
const NEEDS_ESCAPE = /[\\\t\n\r]/;

export const COPY_NULL = '\\N';

/** A text value as a COPY field. */
export function copyText(value: string): string {
  if (!NEEDS_ESCAPE.test(value)) return value;
  return value.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

export function copyValue(value: string | number | boolean | null): string {
  if (value === null) return COPY_NULL;
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`cannot COPY ${value}`);
    return String(value);
  }
  return copyText(value);
}

/** A `text[]` value: an array literal with every element quoted, then escaped as a field. */
export function copyTextArray(items: readonly string[]): string {
  return copyText(`{${items.map((item) => `"${item.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`);
}

/** A `jsonb` value. */
export function copyJson(value: unknown): string {
  return value === null ? COPY_NULL : copyText(JSON.stringify(value));
}

/** One row as a COPY line (with its newline). */
export function copyLine(fields: readonly string[]): string {
  return fields.join('\t') + '\n';
}
