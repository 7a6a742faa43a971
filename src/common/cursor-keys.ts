import { isUUID } from 'class-validator';
import { AppError } from './app-error.js';
import { decodeCursor } from './pagination.js';
import { isLocalDate } from './local-date.scalar.js';

/**
 * Keyset cursors of the quote and contract lists, checked before they reach SQL: a cursor
 * this service did not issue is BAD_USER_INPUT, never a failed cast in the database.
 */
export function dateIdCursor(after: string | null | undefined): [string, string] | null {
  const key = decodeCursor(after, 2);
  if (!key) return null;
  const [day, id] = key;
  if (typeof day !== 'string' || !isLocalDate(day) || typeof id !== 'string' || !isUUID(id)) throw AppError.badInput('after', 'is not a cursor returned by this list');
  return [day, id];
}

export function instantIdCursor(after: string | null | undefined): [string, string] | null {
  const key = decodeCursor(after, 2);
  if (!key) return null;
  const [at, id] = key;
  if (typeof at !== 'string' || !/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(at) || Number.isNaN(Date.parse(at)) || typeof id !== 'string' || !isUUID(id)) {
    throw AppError.badInput('after', 'is not a cursor returned by this list');
  }
  return [at, id];
}
