import { QueryFailedError } from 'typeorm';

interface PgError {
  code?: string;
  constraint?: string;
}

function pgError(error: unknown): PgError | null {
  if (!(error instanceof QueryFailedError)) return null;
  return error.driverError as PgError;
}

/** A unique constraint refused the write (SQLSTATE 23505); `constraint` narrows it to one index. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const pg = pgError(error);
  return pg?.code === '23505' && (constraint === undefined || pg.constraint === constraint);
}

/** The name of the unique index a 23505 error names, if any. */
export function violatedConstraint(error: unknown): string | null {
  return pgError(error)?.constraint ?? null;
}

/** A deadlock or serialization failure: the transaction may simply be tried again. */
export function isRetryableConflict(error: unknown): boolean {
  const code = pgError(error)?.code;
  return code === '40P01' || code === '40001';
}
