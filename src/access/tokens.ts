import jwt from 'jsonwebtoken';
import { AppError } from '../common/app-error.js';
import { Role, type Principal } from './role.js';

/** What an access token carries: written when a user signs in, read back by verifyAccessToken. */
export interface AccessClaims {
  sub: string;
  role: Role;
  org: string;
  adm: boolean;
  jur: string | null;
}

export const TOKEN_ALGORITHM = 'HS256';
const ROLES = new Set<string>(Object.values(Role));

/** The principal of a valid token; UNAUTHENTICATED saying why otherwise. */
export function verifyAccessToken(token: string, secret: string): Principal {
  let claims: Partial<AccessClaims>;
  try {
    claims = jwt.verify(token, secret, { algorithms: [TOKEN_ALGORITHM] }) as Partial<AccessClaims>;
  } catch (error) {
    if (error instanceof jwt.TokenExpiredError) throw AppError.unauthenticated('Access token expired: sign in again');
    throw AppError.unauthenticated('Invalid access token');
  }
  if (typeof claims.sub !== 'string' || typeof claims.org !== 'string' || typeof claims.role !== 'string' || !ROLES.has(claims.role)) {
    throw AppError.unauthenticated('Invalid access token');
  }
  return { userId: claims.sub, role: claims.role, organizationId: claims.org, orgAdmin: claims.adm === true, jurisdictionCode: claims.jur ?? null };
}

const verified = new WeakMap<object, { token: string; result: Principal | AppError }>();

/**
 * The principal of a request's bearer token, verified once per request (the rate limiter and
 * the access guard both ask); throws the same UNAUTHENTICATED error every time it is asked.
 */
export function principalOfRequest(request: object, token: string, secret: string): Principal {
  let entry = verified.get(request);
  if (!entry || entry.token !== token) {
    let result: Principal | AppError;
    try {
      result = verifyAccessToken(token, secret);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      result = error;
    }
    entry = { token, result };
    verified.set(request, entry);
  }
  if (entry.result instanceof AppError) throw entry.result;
  return entry.result;
}
