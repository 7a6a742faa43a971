/**
 * Limits on what one GraphQL request may ask: depth, aliases and operations (validation
 * rules), and cost (a plugin using graphql-query-complexity, where a connection's cost is its
 * `first` times its nodes' cost and an unpaged list counts as ten). Each refusal is a
 * BAD_USER_INPUT error saying which limit and by how much.
 */
import { GraphQLError, Kind, type ASTNode, type DocumentNode, type DefinitionNode, type FragmentDefinitionNode, type SelectionSetNode, type ValidationContext, type ValidationRule } from 'graphql';
import { getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import type { ApolloServerPlugin } from '@apollo/server';
import { MAX_PAGE_SIZE } from './pagination.js';

export interface GraphQLLimits {
  maxDepth: number;
  maxAliases: number;
  maxOperations: number;
  maxComplexity: number;
}

export const DEFAULT_LIMITS: GraphQLLimits = { maxDepth: 10, maxAliases: 30, maxOperations: 5, maxComplexity: 50_000 };

/** Extensions of a refusal: BAD_USER_INPUT, answered with HTTP 400. */
function refusal(message: string, node?: ASTNode): GraphQLError {
  return new GraphQLError(message, { nodes: node ? [node] : undefined, extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });
}

function selectionDepth(set: SelectionSetNode | undefined, fragments: Map<string, FragmentDefinitionNode>, seen: Set<string>): number {
  if (!set) return 0;
  let deepest = 0;
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value.startsWith('__')) continue;
      deepest = Math.max(deepest, 1 + selectionDepth(selection.selectionSet, fragments, seen));
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      deepest = Math.max(deepest, selectionDepth(selection.selectionSet, fragments, seen));
    } else {
      const name = selection.name.value;
      const fragment = fragments.get(name);
      if (!fragment || seen.has(name)) continue;
      deepest = Math.max(deepest, selectionDepth(fragment.selectionSet, fragments, new Set([...seen, name])));
    }
  }
  return deepest;
}

export function depthLimit(maxDepth: number): ValidationRule {
  return (context: ValidationContext) => {
    const definitions: readonly DefinitionNode[] = context.getDocument().definitions;
    const fragments = new Map(definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
    for (const definition of definitions) {
      if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
      const depth = selectionDepth(definition.selectionSet, fragments, new Set());
      if (depth > maxDepth) context.reportError(refusal(`Query depth ${depth} exceeds the limit of ${maxDepth}`, definition));
    }
    return {};
  };
}

export function aliasAndOperationLimit(maxAliases: number, maxOperations: number): ValidationRule {
  return (context: ValidationContext) => {
    const document = context.getDocument();
    const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION).length;
    if (operations > maxOperations) context.reportError(refusal(`${operations} operations in one document exceed the limit of ${maxOperations}`));
    let aliases = 0;
    return {
      Field(node) {
        if (node.alias) {
          aliases += 1;
          if (aliases === maxAliases + 1) context.reportError(refusal(`More than ${maxAliases} aliases in one document`, node));
        }
      },
    };
  };
}

/**
 * A connection costs `first` × its nodes (its `edges` list adds nothing more); any other
 * list costs 10 × its items.
 */
const connectionEstimator: ComplexityEstimator = ({ args, childComplexity, field }) => {
  // Capped at the page-size limit, so that a too-large `first` gets its own, clearer error.
  if (typeof args.first === 'number') return 1 + Math.min(args.first, MAX_PAGE_SIZE) * childComplexity;
  if (field.name === 'edges') return 1 + childComplexity;
  if (String(field.type).startsWith('[')) return 1 + 10 * childComplexity;
  return undefined;
};

/** Costs remembered per document (at most this many operation-and-variables keys each). */
const REMEMBERED_COSTS = 50;

/**
 * The cost is computed once per document, operation name and variables: Apollo keeps one parsed
 * `DocumentNode` per query text in its document store, so a client repeating a query is costed
 * once (the remembered costs go with the document when Apollo drops it). The schema is fixed for
 * the server's life, so it is not part of the key.
 */
export function complexityLimit(maxComplexity: number): ApolloServerPlugin {
  const costs = new WeakMap<DocumentNode, Map<string, number>>();
  const estimators = [connectionEstimator, simpleEstimator({ defaultComplexity: 1 })];
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema, operation }) {
          // No operation by that name (e.g. GraphiQL sending a name the edited document no
          // longer has): execution answers "Unknown operation named …"; there is nothing to cost.
          if (!operation) return;
          const key = JSON.stringify([request.operationName ?? null, request.variables ?? {}]);
          let known = costs.get(document);
          let complexity = known?.get(key);
          if (complexity === undefined) {
            complexity = getComplexity({ schema, query: document, variables: request.variables ?? {}, operationName: request.operationName ?? undefined, estimators });
            if (!known) costs.set(document, (known = new Map()));
            if (known.size >= REMEMBERED_COSTS) known.delete(known.keys().next().value as string);
            known.set(key, complexity);
          }
          if (complexity > maxComplexity) throw refusal(`Query cost ${complexity} exceeds the limit of ${maxComplexity}: ask for fewer items or fields`);
        },
      };
    },
  };
}
