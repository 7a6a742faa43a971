/** The error codes a client can see, in `extensions.code`. */
export enum ErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  RATE_LIMITED = 'RATE_LIMITED',
  INTERNAL = 'INTERNAL',
}

/** One offending input field: its path from the argument root (e.g. `input.specs.0.key`). */
export interface FieldError {
  field: string;
  message: string;
}

/**
 * The one exception type that features throw. The GraphQL error formatter turns it into a
 * client error; anything else is reported as INTERNAL without detail.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields: FieldError[] = [],
  ) {
    super(message);
    this.name = 'AppError';
  }

  static badInput(field: string, message: string): AppError {
    return new AppError(ErrorCode.BAD_USER_INPUT, `${field}: ${message}`, [{ field, message }]);
  }

  static invalid(fields: FieldError[]): AppError {
    const summary = fields.map((f) => `${f.field}: ${f.message}`).join('; ');
    return new AppError(ErrorCode.BAD_USER_INPUT, summary, fields);
  }

  static unauthenticated(message = 'Authentication required'): AppError {
    return new AppError(ErrorCode.UNAUTHENTICATED, message);
  }

  static forbidden(message = 'Not allowed'): AppError {
    return new AppError(ErrorCode.FORBIDDEN, message);
  }

  static notFound(what: string): AppError {
    return new AppError(ErrorCode.NOT_FOUND, `${what} not found`);
  }

  static conflict(message: string): AppError {
    return new AppError(ErrorCode.CONFLICT, message);
  }

  static rateLimited(message: string): AppError {
    return new AppError(ErrorCode.RATE_LIMITED, message);
  }

  /** Optimistic locking: the row moved on since the client read it. */
  static staleVersion(what: string, sent: number, current: number): AppError {
    return new AppError(ErrorCode.CONFLICT, `${what} was changed by someone else (you sent version ${sent}; it is at ${current} or later): reload and retry`);
  }
}
