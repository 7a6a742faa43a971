import type { Request } from 'express';
import type { Principal } from './role.js';

/**
 * The GraphQL context of one request. `L` is the set of batch loaders a resolver reads: each
 * feature declares its own (`<feature>/<feature>.loaders.ts`), and the whole set is made per
 * request where the context is made (src/graphql-context.ts).
 */
export interface GraphQLRequestContext<L extends object = object> {
  req: Request;
  /** Set by the access guard when the request carries a valid token. */
  principal?: Principal;
  loaders: L;
}
