import { createSecretKey, type KeyObject } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import jwt from 'jsonwebtoken';
import { AppError } from '../common/app-error.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.js';
import { Role, type Principal } from './role.js';

/** What an access token carries: written when a user signs in, read back by verifyAccessToken. */
export interface AccessClaims {
  sub: string;
  role: Role;
  org: string;
  adm: boolean;
  jur: string | null;
  /** The user's token version when the token was issued; a token of an older version is revoked. */
  ver: number;
}

export const TOKEN_ALGORITHM = 'HS256';
const ROLES = new Set<string>(Object.values(Role));
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** How far in the future an `iat` may lie (clocks of several replicas differ a little). */
const CLOCK_TOLERANCE_SECONDS = 60;

/**
 * The signing key as a KeyObject: jsonwebtoken imports a string secret on every call
 * (~400 µs a verification), a KeyObject once (~10 µs).
 */
export function accessTokenKey(secret: string): KeyObject {
  return createSecretKey(Buffer.from(secret, 'utf8'));
}

export interface VerifiedToken {
  principal: Principal;
  /** The token version it was issued at (claim `ver`). */
  version: number;
}

/**
 * The principal of a correctly signed, unexpired token that carries every claim, `exp` and
 * `iat` included; UNAUTHENTICATED saying why otherwise. Whether its user may still use it is
 * checkTokenHolder's question.
 */
export function verifyAccessToken(token: string, key: KeyObject, nowSeconds = Math.floor(Date.now() / 1000)): VerifiedToken {
  let claims: Partial<AccessClaims> & { exp?: unknown; iat?: unknown };
  try {
    claims = jwt.verify(token, key, { algorithms: [TOKEN_ALGORITHM], clockTimestamp: nowSeconds }) as typeof claims;
  } catch (error) {
    if (error instanceof jwt.TokenExpiredError) throw AppError.unauthenticated('Access token expired: sign in again');
    throw AppError.unauthenticated('Invalid access token');
  }
  if (typeof claims !== 'object' || claims === null) throw AppError.unauthenticated('Invalid access token');
  if (typeof claims.exp !== 'number' || typeof claims.iat !== 'number' || claims.iat > nowSeconds + CLOCK_TOLERANCE_SECONDS) {
    throw AppError.unauthenticated('Invalid access token');
  }
  if (
    typeof claims.sub !== 'string' || !UUID.test(claims.sub) ||
    typeof claims.org !== 'string' ||
    typeof claims.role !== 'string' || !ROLES.has(claims.role) ||
    typeof claims.ver !== 'number' || !Number.isSafeInteger(claims.ver)
  ) {
    throw AppError.unauthenticated('Invalid access token');
  }
  return {
    principal: { userId: claims.sub, role: claims.role, organizationId: claims.org, orgAdmin: claims.adm === true, jurisdictionCode: claims.jur ?? null },
    version: claims.ver,
  };
}

/** What the users table says now about a token's user. */
export interface TokenHolder {
  active: boolean;
  tokenVersion: number;
}

/** The principal if the token's user still exists, is active and has not revoked the token. */
export function checkTokenHolder(token: VerifiedToken, holder: TokenHolder | null): Principal {
  if (!holder) throw AppError.unauthenticated('This account no longer exists');
  if (!holder.active) throw AppError.unauthenticated('This account is disabled');
  if (holder.tokenVersion !== token.version) throw AppError.unauthenticated('Access token revoked: sign in again');
  return token.principal;
}

/**
 * Reads the current state of a token's user: one primary-key lookup (auth owns the users table
 * and provides it; the access floor only declares what it needs).
 */
export interface TokenHolders {
  find(userId: string): Promise<TokenHolder | null>;
}
export const TOKEN_HOLDERS = Symbol('TOKEN_HOLDERS');

/**
 * Verifies bearer tokens: signature and claims (verifyAccessToken), then the user's row on
 * every request — no cache, so a disabled user or a changed password stops every token at the
 * next request, in every process. A request is verified once (the rate limiter and the access
 * guard both ask): one query per request.
 */
@Injectable()
export class AccessTokens {
  private readonly key: KeyObject;
  private readonly verified = new WeakMap<object, { token: string; result: Promise<Principal> }>();

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(TOKEN_HOLDERS) private readonly holders: TokenHolders,
  ) {
    this.key = accessTokenKey(config.jwtSecret);
  }

  /** A correctly signed, unexpired token's claims (no database read), or null. */
  signed(token: string): VerifiedToken | null {
    try {
      return verifyAccessToken(token, this.key);
    } catch {
      return null;
    }
  }

  /** `signed`: the token's claims when the caller has just checked its signature (`signed`), so it is not checked twice. */
  async verify(token: string, signed?: VerifiedToken): Promise<Principal> {
    const verified = signed ?? verifyAccessToken(token, this.key);
    return checkTokenHolder(verified, await this.holders.find(verified.principal.userId));
  }

  /**
   * The principal of a request's bearer token, verified once per request; the same
   * UNAUTHENTICATED error each time. `signed`: see verify (the rate limiter checks the signature
   * first, to count the request under its user).
   */
  principalOfRequest(request: object, token: string, signed?: VerifiedToken): Promise<Principal> {
    let entry = this.verified.get(request);
    if (!entry || entry.token !== token) {
      const result = this.verify(token, signed);
      // Read by a later caller; a rejection is not unhandled just because the first caller has not awaited yet.
      result.catch(() => undefined);
      entry = { token, result };
      this.verified.set(request, entry);
    }
    return entry.result;
  }
}
