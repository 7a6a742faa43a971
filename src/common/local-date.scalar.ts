import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { dateRangeProblem } from './text-policy.js';

/** A calendar date as `YYYY-MM-DD`, checked to exist (no 2026-02-30). */
export function isLocalDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** A date a client may send: an existing calendar date within the text policy's range (2000–2100). */
export function isAcceptedLocalDate(value: string): boolean {
  return isLocalDate(value) && dateRangeProblem(value) === null;
}

function checkLocalDate(value: unknown): string {
  if (typeof value !== 'string' || !isLocalDate(value)) {
    throw new GraphQLError('Date must be an existing calendar date written as YYYY-MM-DD');
  }
  return value;
}

function parseLocalDate(value: unknown): string {
  const date = checkLocalDate(value);
  const problem = dateRangeProblem(date);
  if (problem) throw new GraphQLError(`Date ${problem}`);
  return date;
}

/** Dates travel as strings (`date` columns are read as strings too): no time-zone drift. */
export const GraphQLLocalDate = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'A calendar date, ISO 8601 YYYY-MM-DD.',
  serialize(value) {
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    return checkLocalDate(value);
  },
  parseValue: parseLocalDate,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('Date must be written as a string literal');
    return parseLocalDate(ast.value);
  },
});

/** Today's date in China Standard Time (UTC+8), where the marketplace's deadlines fall. */
export function todayInChina(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
