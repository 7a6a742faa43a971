import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { AppError, ErrorCode } from './app-error.js';

const STATUS: Record<ErrorCode, number> = {
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.CONFLICT]: 409,
  [ErrorCode.RATE_LIMITED]: 429,
  [ErrorCode.INTERNAL]: 500,
};

/**
 * For the REST routes (CSV exports, dashboard files): the same error codes as GraphQL, as
 * `{ "error": { "code", "message", "fields"? } }` with the matching HTTP status. Anything
 * unexpected is logged and answered 500 without detail. (The app-wide filter is GraphQL's.)
 */
@Catch()
export class HttpAppErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    let status = 500;
    let body: { code: ErrorCode; message: string; fields?: { field: string; message: string }[] } = { code: ErrorCode.INTERNAL, message: 'Internal server error' };
    if (exception instanceof AppError) {
      status = STATUS[exception.code];
      body = { code: exception.code, message: exception.code === ErrorCode.INTERNAL ? body.message : exception.message, ...(exception.fields.length ? { fields: exception.fields } : {}) };
    } else if (exception instanceof HttpException && exception.getStatus() < 500) {
      status = exception.getStatus();
      body = { code: status === 404 ? ErrorCode.NOT_FOUND : status === 401 ? ErrorCode.UNAUTHENTICATED : status === 403 ? ErrorCode.FORBIDDEN : ErrorCode.BAD_USER_INPUT, message: exception.message };
    } else {
      this.logger.error(exception);
    }
    if (response.headersSent) {
      // A streamed export failed half-way: cut it off rather than append an error to the CSV.
      response.destroy();
      return;
    }
    response.status(status).json({ error: body });
  }
}
