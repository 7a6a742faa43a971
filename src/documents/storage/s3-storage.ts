import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { DocumentStorage, type SpooledFile } from './document-storage.js';
import { EMPTY_PAYLOAD_HASH, amzDate, authorizationHeader, encodeKeyPath, type SigningCredentials } from './sigv4.js';

export interface S3Settings extends SigningCredentials {
  /** e.g. `https://s3.example.com` or `http://127.0.0.1:9000`; requests are path-style: `<endpoint>/<bucket>/<key>`. */
  endpoint: string;
  bucket: string;
}

/**
 * An S3-compatible object store through its REST API (PUT, GET, DELETE Object), signed with
 * SigV4; plain `fetch`, no SDK. The body of a PUT is streamed from the spool file with its length
 * and SHA-256 (measured while the upload arrived) in the signature, so the store verifies it.
 */
export class S3DocumentStorage extends DocumentStorage {
  readonly name = 's3' as const;
  private readonly base: URL;

  constructor(private readonly settings: S3Settings) {
    super();
    this.base = new URL(settings.endpoint);
  }

  private async send(method: 'PUT' | 'GET' | 'DELETE' | 'HEAD', key: string, body?: { stream: Readable; size: number; sha256: string; contentType: string }): Promise<Response> {
    const path = `${this.base.pathname.replace(/\/$/, '')}/${encodeKeyPath(this.settings.bucket)}/${encodeKeyPath(key)}`;
    const payloadHash = body?.sha256 ?? EMPTY_PAYLOAD_HASH;
    const headers: Record<string, string> = { host: this.base.host, 'x-amz-content-sha256': payloadHash, 'x-amz-date': amzDate(new Date()) };
    if (body) {
      headers['content-length'] = String(body.size);
      headers['content-type'] = body.contentType;
    }
    headers.authorization = authorizationHeader(this.settings, { method, path, headers, payloadHash });
    const { host: _host, ...sent } = headers;
    return fetch(new URL(path, this.base), {
      method,
      headers: sent,
      ...(body ? { body: Readable.toWeb(body.stream) as unknown as ReadableStream, duplex: 'half' } : {}),
    } as RequestInit);
  }

  async put(key: string, file: SpooledFile): Promise<void> {
    const response = await this.send('PUT', key, { stream: createReadStream(file.path), size: file.size, sha256: file.sha256, contentType: file.contentType });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`S3 PUT ${key} answered ${response.status}`);
  }

  async get(key: string): Promise<Readable> {
    const response = await this.send('GET', key);
    if (!response.ok || !response.body) {
      await response.arrayBuffer().catch(() => undefined);
      throw new Error(`S3 GET ${key} answered ${response.status}`);
    }
    return Readable.fromWeb(response.body as unknown as WebReadableStream);
  }

  async delete(key: string): Promise<void> {
    const response = await this.send('DELETE', key);
    await response.arrayBuffer();
    // 204 when deleted; S3 also answers 204 for a key that was not there.
    if (!response.ok && response.status !== 404) throw new Error(`S3 DELETE ${key} answered ${response.status}`);
  }

  async has(key: string): Promise<boolean> {
    const response = await this.send('HEAD', key);
    await response.arrayBuffer().catch(() => undefined);
    return response.ok;
  }
}
