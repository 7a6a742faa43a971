/**
 * Calendar arithmetic on `YYYY-MM-DD` strings in UTC, for generated data: pure, never the clock.
 */
const DAY_MS = 86_400_000;

/** Parsed days, by their string: generation parses the same few thousand days millions of times. */
const parsed = new Map<string, number>();
const formatted = new Map<number, string>();

function parse(date: string): number {
  const known = parsed.get(date);
  if (known !== undefined) return known;
  const ms = parseSlow(date);
  parsed.set(date, ms);
  return ms;
}

function format(ms: number): string {
  let text = formatted.get(ms);
  if (text === undefined) {
    text = new Date(ms).toISOString().slice(0, 10);
    formatted.set(ms, text);
  }
  return text;
}

function parseSlow(date: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  const ms = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
  if (new Date(ms).toISOString().slice(0, 10) !== date) throw new RangeError(`no such day: ${date}`);
  return ms;
}

export function isIsoDate(date: string): boolean {
  try {
    parse(date);
    return true;
  } catch {
    return false;
  }
}

export function addDays(date: string, days: number): string {
  return format(parse(date) + days * DAY_MS);
}

/** The first day of the month `months` after the month of `date`. */
export function addMonthsToFirst(date: string, months: number): string {
  const d = new Date(parse(date));
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1)).toISOString().slice(0, 10);
}

/** Days from a to b (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((parse(b) - parse(a)) / DAY_MS);
}

/** A timestamp on that day at the given whole hour in China (UTC+8), as ISO 8601 UTC. */
export function chinaTime(date: string, hour: number): string {
  const utc = hour - 8;
  if (utc >= 0 && utc < 24 && Number.isInteger(utc) && parsed.has(date)) return `${date}T${String(utc).padStart(2, '0')}:00:00.000Z`;
  return new Date(parse(date) + utc * 3_600_000).toISOString();
}
