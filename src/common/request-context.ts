import type { Request } from 'express';
import type { Principal } from '../auth/role.js';
import type { Loaders } from './loaders.js';

/** The GraphQL context of one request. */
export interface GraphQLRequestContext {
  req: Request;
  /** Set by the access guard when the request carries a valid token. */
  principal?: Principal;
  loaders: Loaders;
}
