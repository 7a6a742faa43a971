/**
 * Walks a GraphQL schema from its root queries: for one root call, the selection tree of every
 * object-field path up to a depth (no object type twice on one path, connections' `edges` and
 * `node` free), with `__typename`, `id` and every scalar field at each level. `run` sends it and,
 * where the server refuses the document (depth, cost, size) or a nested field errs, splits the
 * tree into one tree per branch and retries, down to single paths — so every path is read, and
 * an error on one path hides no other.
 */
import {
  GraphQLEnumType, GraphQLInputObjectType, GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLScalarType, getNamedType, isLeafType,
  type GraphQLArgument, type GraphQLField, type GraphQLInputType, type GraphQLSchema,
} from 'graphql';

export interface TreeNode {
  field: GraphQLField<unknown, unknown>;
  /** The arguments written into the document (literal GraphQL). */
  args: string;
  children: TreeNode[];
}

/** Fills a required argument; undefined: use the smallest valid value of its type. */
export type ArgumentValues = (argument: GraphQLArgument, parentType: string) => unknown;

const WRAPPER = /(Connection|Edge)$/;
const MAX_DEPTH = 10;

export function literal(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  if (typeof value === 'object') return `{ ${Object.entries(value as Record<string, unknown>).map(([k, v]) => `${k}: ${literal(v)}`).join(', ')} }`;
  if (typeof value === 'string' && /^ENUM:/.test(value)) return value.slice(5);
  return JSON.stringify(value);
}

/** The smallest value GraphQL accepts for a type (enums as `ENUM:NAME` for literal()). */
export function minimal(type: GraphQLInputType): unknown {
  if (type instanceof GraphQLNonNull) return minimal(type.ofType);
  if (type instanceof GraphQLList) return [minimal(type.ofType)];
  if (type instanceof GraphQLEnumType) return `ENUM:${type.getValues()[0].name}`;
  if (type instanceof GraphQLInputObjectType) {
    return Object.fromEntries(Object.values(type.getFields()).filter((f) => f.type instanceof GraphQLNonNull && f.defaultValue === undefined).map((f) => [f.name, minimal(f.type)]));
  }
  const name = (type as GraphQLScalarType).name;
  return ({ ID: '00000000-0000-0000-0000-000000000000', Int: 1, Float: 0.5, Boolean: false, Decimal: '1', Date: '2030-01-01', DateTime: '2030-01-01T00:00:00Z' } as Record<string, unknown>)[name] ?? 'x';
}

function requiredArgs(field: GraphQLField<unknown, unknown>, parentType: string, values: ArgumentValues): string {
  const required = field.args.filter((a) => a.type instanceof GraphQLNonNull && a.defaultValue === undefined);
  if (required.length === 0) return '';
  return `(${required.map((a) => `${a.name}: ${literal(values(a, parentType) ?? minimal(a.type))}`).join(', ')})`;
}

/** The tree of object fields below `type`, not repeating an object type on a path. */
export function treeBelow(type: GraphQLObjectType, values: ArgumentValues, seen: Set<string>, depth: number): TreeNode[] {
  if (depth >= MAX_DEPTH - 1) return [];
  const nodes: TreeNode[] = [];
  for (const field of Object.values(type.getFields())) {
    const named = getNamedType(field.type);
    if (!(named instanceof GraphQLObjectType)) continue;
    const free = WRAPPER.test(named.name) || named.name === 'PageInfo';
    if (!free && seen.has(named.name)) continue;
    if (named.name === 'PageInfo') continue;
    const nextSeen = free ? seen : new Set([...seen, named.name]);
    nodes.push({ field, args: requiredArgs(field, type.name, values), children: treeBelow(named, values, nextSeen, depth + 1) });
  }
  return nodes;
}

function scalarsOf(type: GraphQLObjectType, values: ArgumentValues): string {
  return ['__typename', ...Object.values(type.getFields()).filter((f) => isLeafType(getNamedType(f.type))).map((f) => `${f.name}${requiredArgs(f, type.name, values)}`)].join(' ');
}

export function selection(node: TreeNode, values: ArgumentValues): string {
  const named = getNamedType(node.field.type);
  if (!(named instanceof GraphQLObjectType)) return `${node.field.name}${node.args}`;
  return `${node.field.name}${node.args} { ${scalarsOf(named, values)} ${node.children.map((c) => selection(c, values)).join(' ')} }`;
}

/** Trees with one branch each where `node` (or the first node below it) forks; [] for a single path. */
export function split(node: TreeNode): TreeNode[] {
  if (node.children.length === 0) return [];
  if (node.children.length === 1) return split(node.children[0]).map((child) => ({ ...node, children: [child] }));
  return node.children.map((child) => ({ ...node, children: [child] }));
}

export interface WalkResult {
  /** Documents answered, with their data (possibly partial). */
  answers: { document: string; data: unknown; errors: { message: string; path?: (string | number)[]; extensions: { code: string } }[] }[];
  /** Single paths the server refused as a document (limits): not walked. */
  refused: string[];
}

type Send = (document: string) => Promise<{ status: number; data?: unknown; errors?: { message: string; path?: (string | number)[]; extensions: { code: string } }[] }>;

/** Sends the root call's tree, splitting where the document is refused or a nested field errs. */
export async function walk(root: TreeNode, values: ArgumentValues, send: Send, result: WalkResult): Promise<void> {
  const document = `query { ${selection(root, values)} }`;
  const response = await send(document);
  const errors = response.errors ?? [];
  const refusedDocument = errors.some((e) => !e.path);
  const nestedError = errors.some((e) => (e.path?.length ?? 0) > 1);
  if (refusedDocument || nestedError) {
    const parts = split(root);
    if (parts.length > 0) {
      for (const part of parts) await walk(part, values, send, result);
      return;
    }
    if (refusedDocument) {
      result.refused.push(`${document} → ${errors.map((e) => e.message).join('; ')}`);
      return;
    }
  }
  result.answers.push({ document, data: response.data ?? null, errors });
}

export interface Observed {
  typename: string;
  object: Record<string, unknown>;
  /** The nearest enclosing objects, innermost first, connection wrappers left out. */
  ancestors: Record<string, unknown>[];
  path: string;
}

/** Every object in a response that carries a `__typename`, with its enclosing objects. */
export function observe(data: unknown, ancestors: Record<string, unknown>[] = [], path = '', out: Observed[] = []): Observed[] {
  if (Array.isArray(data)) {
    for (const item of data) observe(item, ancestors, path, out);
    return out;
  }
  if (data === null || typeof data !== 'object') return out;
  const object = data as Record<string, unknown>;
  const typename = typeof object.__typename === 'string' ? object.__typename : undefined;
  const isWrapper = typename === undefined || WRAPPER.test(typename);
  if (typename && !isWrapper) out.push({ typename, object, ancestors, path });
  const inner = isWrapper ? ancestors : [object, ...ancestors];
  for (const [key, value] of Object.entries(object)) observe(value, inner, `${path}.${key}`, out);
  return out;
}

export function rootNode(schema: GraphQLSchema, name: string, args: string, values: ArgumentValues): TreeNode {
  const field = schema.getQueryType()?.getFields()[name];
  if (!field) throw new Error(`no query ${name}`);
  const named = getNamedType(field.type);
  const children = named instanceof GraphQLObjectType ? treeBelow(named, values, new Set([named.name]), 1) : [];
  return { field, args, children };
}
