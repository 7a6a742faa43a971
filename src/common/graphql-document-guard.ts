/**
 * Cheap bounds on a GraphQL request, checked before Apollo validates or coerces anything, so
 * that no document or variable set can hold the event loop: the parser stops at a token limit,
 * then the fields and list items of the document and the list items of the variables are
 * counted. Validation (overlapping fields, in particular) grows faster than linearly with the
 * number of fields, and coercing a variable list costs per item: both run only on requests
 * that pass here. Every refusal is HTTP 400 with `extensions.code` BAD_USER_INPUT.
 */
import type { NextFunction, Request, Response } from 'express';
import { parse, visit, type DocumentNode } from 'graphql';

export interface DocumentBounds {
  /** Lexical tokens in the query text (a real page's query has a few hundred). */
  maxTokens: number;
  /** Field selections in the document, fragments counted where written. */
  maxFields: number;
  /** Items in any one list, written in the query or sent as a variable (inputs allow at most 50). */
  maxListItems: number;
  /** Scalar values across all variables. */
  maxVariableValues: number;
}

export const DEFAULT_DOCUMENT_BOUNDS: DocumentBounds = { maxTokens: 5_000, maxFields: 1_000, maxListItems: 100, maxVariableValues: 5_000 };

/** Why a request is refused, or null. `document` is parsed with the token limit. */
export function documentProblem(document: DocumentNode, bounds: DocumentBounds): string | null {
  let fields = 0;
  let problem: string | null = null;
  visit(document, {
    Field() {
      fields += 1;
      if (fields > bounds.maxFields) {
        problem = `More than ${bounds.maxFields} fields in one document`;
        return false;
      }
      return undefined;
    },
    ListValue(node) {
      if (node.values.length > bounds.maxListItems) {
        problem = `A list of ${node.values.length} items exceeds the limit of ${bounds.maxListItems}`;
        return false;
      }
      return undefined;
    },
  });
  return problem;
}

/** Walks variables breadth-first, stopping at the first bound crossed. */
export function variablesProblem(variables: unknown, bounds: DocumentBounds): string | null {
  return variablesRefusal(variables, bounds)?.message ?? null;
}

/** Like `variablesProblem`, with the path of a list over the bound (`input.specs`). */
export function variablesRefusal(variables: unknown, bounds: DocumentBounds): { message: string; field?: string } | null {
  const pending: [unknown, string][] = [[variables, '']];
  let values = 0;
  while (pending.length > 0) {
    const [value, path] = pending.pop()!;
    const at = (key: string | number) => (path ? `${path}.${key}` : String(key));
    if (Array.isArray(value)) {
      if (value.length > bounds.maxListItems) return { message: `A variable list of ${value.length} items exceeds the limit of ${bounds.maxListItems}`, field: path || undefined };
      pending.push(...value.map((item, index): [unknown, string] => [item, at(index)]));
    } else if (value !== null && typeof value === 'object') {
      const entries = Object.entries(value);
      if (entries.length > bounds.maxVariableValues) return { message: `More than ${bounds.maxVariableValues} values in the variables` };
      pending.push(...entries.map(([key, item]): [unknown, string] => [item, at(key)]));
    } else {
      values += 1;
    }
    if (values > bounds.maxVariableValues) return { message: `More than ${bounds.maxVariableValues} values in the variables` };
  }
  return null;
}

/** Why a request's query text and variables are refused, or null (syntax errors are left to Apollo). */
export function requestProblem(query: unknown, variables: unknown, bounds: DocumentBounds): string | null {
  return requestRefusal(query, variables, bounds)?.message ?? null;
}

/** Query texts up to this length have their verdict remembered (a client sends the same few documents again and again). */
const REMEMBERED_QUERY_LENGTH = 10_000;
const REMEMBERED_QUERIES = 500;

/**
 * The verdicts on recent query texts, per bounds object: the document's verdict depends on the
 * text and the bounds only, so parsing and counting it once is enough. Oldest first; when full,
 * the oldest is dropped.
 */
const verdicts = new WeakMap<DocumentBounds, Map<string, string | null>>();

/** Why a query text is refused by the token, field and list bounds, or null. */
function queryProblem(query: string, bounds: DocumentBounds): string | null {
  const remember = query.length <= REMEMBERED_QUERY_LENGTH;
  let known = verdicts.get(bounds);
  if (remember && known?.has(query)) return known.get(query) ?? null;
  const problem = parsedQueryProblem(query, bounds);
  if (remember) {
    if (!known) verdicts.set(bounds, (known = new Map()));
    if (known.size >= REMEMBERED_QUERIES) known.delete(known.keys().next().value as string);
    known.set(query, problem);
  }
  return problem;
}

function parsedQueryProblem(query: string, bounds: DocumentBounds): string | null {
  let document: DocumentNode | null = null;
  try {
    document = parse(query, { maxTokens: bounds.maxTokens, noLocation: true });
  } catch (error) {
    if (error instanceof Error && /Document contains more \w+ \d+ tokens/.test(error.message)) {
      return `The query has more than ${bounds.maxTokens} tokens`;
    }
    // Any other syntax error: Apollo answers it with its location.
  }
  return document ? documentProblem(document, bounds) : null;
}

/** Like `requestProblem`, with the variable path when a variable list is over the bound. */
export function requestRefusal(query: unknown, variables: unknown, bounds: DocumentBounds): { message: string; field?: string } | null {
  if (typeof query === 'string') {
    const problem = queryProblem(query, bounds);
    if (problem) return { message: problem };
  }
  let parsed = variables;
  if (typeof variables === 'string') {
    try {
      parsed = JSON.parse(variables);
    } catch {
      return null;
    }
  }
  return variablesRefusal(parsed, bounds);
}

/** The query and variables of a POST body or of a GET query string. */
function requestParts(req: Request): { query: unknown; variables: unknown } {
  if (req.method === 'GET') return { query: req.query.query, variables: req.query.variables };
  const body: unknown = req.body;
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    const { query, variables } = body as { query?: unknown; variables?: unknown };
    return { query, variables };
  }
  return { query: undefined, variables: undefined };
}

export function documentGuardMiddleware(bounds: DocumentBounds = DEFAULT_DOCUMENT_BOUNDS) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const { query, variables } = requestParts(req);
    const refusal = requestRefusal(query, variables, bounds);
    if (!refusal) return next();
    const fields = refusal.field ? { fields: [{ field: refusal.field, message: refusal.message }] } : {};
    res.status(400).json({ errors: [{ message: refusal.message, extensions: { code: 'BAD_USER_INPUT', ...fields } }] });
  };
}
