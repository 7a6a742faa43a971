import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';
import { Logger } from '@nestjs/common';
import { AppError, ErrorCode, type FieldError } from './app-error.js';

const logger = new Logger('GraphQL');

interface ClientError {
  code: ErrorCode;
  message: string;
  fields?: FieldError[];
}

/** Apollo's own codes for requests that never reached a resolver. */
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

function describeAppError(error: AppError): ClientError {
  switch (error.code) {
    case ErrorCode.BAD_USER_INPUT:
      return { code: error.code, message: error.message, fields: error.fields };
    case ErrorCode.UNAUTHENTICATED:
    case ErrorCode.FORBIDDEN:
    case ErrorCode.NOT_FOUND:
    case ErrorCode.CONFLICT:
    case ErrorCode.RATE_LIMITED:
      return { code: error.code, message: error.message };
    case ErrorCode.INTERNAL:
      return { code: error.code, message: 'Internal server error' };
    default: {
      const unhandled: never = error.code;
      throw new Error(`unmapped error code ${String(unhandled)}`);
    }
  }
}

/** Finds the AppError a resolver threw, through the layers GraphQL and Nest wrap it in. */
function findAppError(error: unknown): AppError | null {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth++) {
    if (current instanceof AppError) return current;
    current = (current as { originalError?: unknown }).originalError;
  }
  return null;
}

/**
 * graphql-js names the offending variable path as `at "input.specs[2].value"`; it is given
 * in the pipe's form, `input.specs.2.value`. A null for a non-null argument names the argument.
 */
export function fieldsFromMessage(message: string): FieldError[] {
  const match = /Variable "\$(\w+)" got invalid value .*? at "([^"]+)"/.exec(message) ?? /Variable "\$(\w+)"/.exec(message) ?? /^Argument "(\w+)" of non-null type/.exec(message);
  if (!match) return [];
  return [{ field: (match[2] ?? match[1]).replace(/\[(\d+)\]/g, '.$1'), message }];
}

/** Credentials in URLs (`scheme://user:password@host`) and bearer tokens never reach the log. */
export function redact(text: string): string {
  return text.replace(/(\/\/[^/:@\s]+):[^@\s]+@/g, '$1:***@').replace(/(Bearer\s+)[\w.-]+/gi, '$1***');
}

export function classifyError(formatted: GraphQLFormattedError, error: unknown): ClientError {
  const appError = findAppError(error);
  if (appError) return describeAppError(appError);
  const apolloCode = formatted.extensions?.code;
  const original = error instanceof GraphQLError ? error.originalError : undefined;
  const coercion = error instanceof GraphQLError && !(original instanceof Error && !(original instanceof GraphQLError));
  if ((typeof apolloCode === 'string' && REQUEST_ERROR_CODES.has(apolloCode)) || (coercion && !formatted.path)) {
    // The request itself was malformed: a parse or validation error, or an argument or
    // variable that its type or scalar rejected.
    return { code: ErrorCode.BAD_USER_INPUT, message: formatted.message, fields: fieldsFromMessage(formatted.message) };
  }
  const failure = original ?? error;
  logger.error(redact(failure instanceof Error ? `${failure.message}\n${failure.stack ?? ''}` : String(failure)));
  return { code: ErrorCode.INTERNAL, message: 'Internal server error' };
}

/**
 * The one formatter: every error gets `extensions.code`; no stack, SQL or internal detail
 * leaves. In production, graphql-js's "Did you mean …?" field suggestions are cut too, so the
 * schema cannot be read out through typos with introspection off.
 */
export function errorFormatter(options: { hideSuggestions: boolean }) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const result = formatGraphQLError(formatted, error);
    return options.hideSuggestions ? { ...result, message: result.message.replace(/ ?Did you mean .*$/, '') } : result;
  };
}

export function formatGraphQLError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const client = classifyError(formatted, error);
  const extensions: Record<string, unknown> = { code: client.code };
  if (client.fields && client.fields.length > 0) extensions.fields = client.fields;
  return {
    message: client.message,
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions,
  };
}
