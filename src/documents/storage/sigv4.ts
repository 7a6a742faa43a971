/**
 * AWS Signature Version 4 for S3-compatible object stores, as pure functions (node:crypto only):
 * the `Authorization` header of one request signed with an access key. Path-style requests
 * (`/<bucket>/<key>`), no query string (the adapter sends only PUT, GET and DELETE of an object).
 * The steps follow the published algorithm: canonical request → string to sign → signing key
 * derived from the secret, date, region and service → HMAC-SHA256 signature.
 */
import { createHash, createHmac } from 'node:crypto';

export interface SigningCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
}

export interface RequestToSign {
  method: string;
  /** The path as sent, already percent-encoded (see encodeKeyPath). */
  path: string;
  /** Every header to sign, by name; `host`, `x-amz-date` and `x-amz-content-sha256` must be among them. */
  headers: Record<string, string>;
  /** Hex SHA-256 of the body (also sent as x-amz-content-sha256). */
  payloadHash: string;
}

export const EMPTY_PAYLOAD_HASH = createHash('sha256').update('').digest('hex');

/** `20130524T000000Z` for an instant. */
export function amzDate(at: Date): string {
  return at.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** Percent-encodes each segment of an object key the way S3 canonicalises it (unreserved characters kept, `/` kept). */
export function encodeKeyPath(key: string): string {
  return key.split('/').map((segment) => encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)).join('/');
}

function hmac(key: Buffer | string, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

export function canonicalRequest(request: RequestToSign): { text: string; signedHeaders: string } {
  const names = Object.keys(request.headers).map((n) => n.toLowerCase()).sort();
  const byLower = new Map(Object.entries(request.headers).map(([n, v]) => [n.toLowerCase(), v.trim().replace(/\s+/g, ' ')]));
  const signedHeaders = names.join(';');
  const text = [request.method.toUpperCase(), request.path, '', ...names.map((n) => `${n}:${byLower.get(n)}`), '', signedHeaders, request.payloadHash].join('\n');
  return { text, signedHeaders };
}

/** The value of the `Authorization` header; `x-amz-date` in the headers gives the signing time. */
export function authorizationHeader(credentials: SigningCredentials, request: RequestToSign, service = 's3'): string {
  const date = Object.entries(request.headers).find(([n]) => n.toLowerCase() === 'x-amz-date')?.[1];
  if (!date || !/^\d{8}T\d{6}Z$/.test(date)) throw new Error('x-amz-date header missing or malformed');
  const day = date.slice(0, 8);
  const scope = `${day}/${credentials.region}/${service}/aws4_request`;
  const { text, signedHeaders } = canonicalRequest(request);
  const stringToSign = ['AWS4-HMAC-SHA256', date, scope, createHash('sha256').update(text, 'utf8').digest('hex')].join('\n');
  const signingKey = hmac(hmac(hmac(hmac(`AWS4${credentials.secretAccessKey}`, day), credentials.region), service), 'aws4_request');
  const signature = createHmac('sha256', signingKey).update(stringToSign, 'utf8').digest('hex');
  return `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope},SignedHeaders=${signedHeaders},Signature=${signature}`;
}
