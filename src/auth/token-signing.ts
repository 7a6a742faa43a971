import type { KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { TOKEN_ALGORITHM, type AccessClaims } from '../access/tokens.js';
import type { Principal } from '../access/role.js';

/**
 * A signed access token for a user who has just signed in; src/access/tokens.ts verifies it.
 * `tokenVersion` is the user's current token version (users.token_version); `key` comes from
 * accessTokenKey (a KeyObject: far cheaper than a string secret).
 */
export function signAccessToken(principal: Principal, tokenVersion: number, key: KeyObject, ttlSeconds: number): { token: string; expiresAt: Date } {
  const claims: AccessClaims = {
    sub: principal.userId, role: principal.role, org: principal.organizationId, adm: principal.orgAdmin, jur: principal.jurisdictionCode, ver: tokenVersion,
  };
  const token = jwt.sign(claims, key, { algorithm: TOKEN_ALGORITHM, expiresIn: ttlSeconds });
  const { exp } = jwt.decode(token) as { exp: number };
  return { token, expiresAt: new Date(exp * 1000) };
}
