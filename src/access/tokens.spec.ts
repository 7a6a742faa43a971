import jwt from 'jsonwebtoken';
import { AppError } from '../common/app-error.js';
import { Role } from './role.js';
import { TOKEN_ALGORITHM, accessTokenKey, checkTokenHolder, verifyAccessToken } from './tokens.js';

const SECRET = 'a-test-secret-that-is-long-enough-0123456789';
const KEY = accessTokenKey(SECRET);
const NOW = 1_900_000_000;
const CLAIMS = { sub: '00000000-0000-4000-8000-000000000001', role: Role.OEM_BUYER, org: '00000000-0000-4000-8000-00000000000a', adm: false, jur: null, ver: 3 };

function sign(payload: object, options: jwt.SignOptions = {}, secret: string | typeof KEY = KEY): string {
  return jwt.sign(payload, secret, { algorithm: TOKEN_ALGORITHM, ...options });
}

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof AppError ? error.code : 'OTHER';
  }
  return undefined;
}

describe('verifyAccessToken', () => {
  it('accepts a complete token signed with the key, string or KeyObject alike', () => {
    const token = sign({ ...CLAIMS, iat: NOW - 10, exp: NOW + 60 });
    expect(verifyAccessToken(token, KEY, NOW)).toEqual({
      principal: { userId: CLAIMS.sub, role: Role.OEM_BUYER, organizationId: CLAIMS.org, orgAdmin: false, jurisdictionCode: null },
      version: 3,
    });
    expect(verifyAccessToken(sign({ ...CLAIMS, iat: NOW, exp: NOW + 60 }, {}, SECRET), KEY, NOW).version).toBe(3);
  });

  it.each([
    ['no exp', { ...CLAIMS, iat: NOW }, { noTimestamp: false }],
    ['no iat', { ...CLAIMS, exp: NOW + 60 }, { noTimestamp: true }],
    ['expired', { ...CLAIMS, iat: NOW - 100, exp: NOW - 1 }, {}],
    ['iat in the future', { ...CLAIMS, iat: NOW + 3600, exp: NOW + 7200 }, {}],
    ['no version', { ...CLAIMS, ver: undefined, iat: NOW, exp: NOW + 60 }, {}],
    ['a fractional version', { ...CLAIMS, ver: 1.5, iat: NOW, exp: NOW + 60 }, {}],
    ['a subject that is no id', { ...CLAIMS, sub: "1' OR 1=1", iat: NOW, exp: NOW + 60 }, {}],
    ['an unknown role', { ...CLAIMS, role: 'ROOT', iat: NOW, exp: NOW + 60 }, {}],
  ])('refuses a token with %s as UNAUTHENTICATED', (_name, payload, options) => {
    expect(codeOf(() => verifyAccessToken(sign(payload, options as jwt.SignOptions), KEY, NOW))).toBe('UNAUTHENTICATED');
  });

  it('refuses another key and another algorithm', () => {
    expect(codeOf(() => verifyAccessToken(sign({ ...CLAIMS, iat: NOW, exp: NOW + 60 }, {}, accessTokenKey(`${SECRET}x`)), KEY, NOW))).toBe('UNAUTHENTICATED');
    const hs512 = jwt.sign({ ...CLAIMS, iat: NOW, exp: NOW + 60 }, KEY, { algorithm: 'HS512' });
    expect(codeOf(() => verifyAccessToken(hs512, KEY, NOW))).toBe('UNAUTHENTICATED');
  });
});

describe('checkTokenHolder', () => {
  const token = { principal: { userId: CLAIMS.sub, role: Role.OEM_BUYER, organizationId: CLAIMS.org, orgAdmin: false, jurisdictionCode: null }, version: 3 };

  it('passes an active holder at the token\'s version', () => {
    expect(checkTokenHolder(token, { active: true, tokenVersion: 3 })).toBe(token.principal);
  });

  it.each([
    ['a deleted user', null],
    ['a disabled user', { active: false, tokenVersion: 3 }],
    ['a revoked version', { active: true, tokenVersion: 4 }],
  ])('refuses %s', (_name, holder) => {
    expect(codeOf(() => checkTokenHolder(token, holder))).toBe('UNAUTHENTICATED');
  });
});
