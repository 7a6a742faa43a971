/**
 * A small S3-compatible object store for testing the S3 document adapter where no real one runs:
 * path-style `PUT`, `GET`, `HEAD` and `DELETE` of an object (`/<bucket>/<key>`), as Amazon S3's
 * API reference describes them — PUT answers 200 with an ETag, GET the bytes with Content-Length,
 * GET/HEAD of a missing key 404 with a `NoSuchKey` XML error, DELETE 204 whether or not the key
 * existed, another bucket 404 `NoSuchBucket`.
 *
 * It checks what a real store checks of a request: an `AWS4-HMAC-SHA256` Authorization for the
 * known access key with a valid signature (`SignatureDoesNotMatch`, 403, otherwise — recomputed
 * with the service's own signer, which the unit tests check against the published example
 * signature), and, on PUT, that the body's SHA-256 and length match `x-amz-content-sha256` and
 * Content-Length (`XAmzContentSHA256Mismatch`, 400). `failPuts` makes PUTs answer 500.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { authorizationHeader } from '../../src/documents/storage/sigv4.js';

export interface FakeS3 {
  endpoint: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  objects: Map<string, { body: Buffer; contentType: string | undefined }>;
  requests: { method: string; key: string; status: number }[];
  failPuts: boolean;
  close(): Promise<void>;
}

function xmlError(code: string, message: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`;
}

async function bodyOf(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

export async function startFakeS3(options: { bucket?: string; accessKeyId?: string; secretAccessKey?: string; region?: string } = {}): Promise<FakeS3> {
  const bucket = options.bucket ?? 'zlt-documents';
  const accessKeyId = options.accessKeyId ?? 'FAKEACCESSKEY';
  const secretAccessKey = options.secretAccessKey ?? 'fake-secret-access-key';
  const region = options.region ?? 'us-east-1';
  const state = { objects: new Map<string, { body: Buffer; contentType: string | undefined }>(), requests: [] as FakeS3['requests'], failPuts: false };

  const server: Server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://fake');
      const [, bucketName, ...rest] = url.pathname.split('/');
      const key = decodeURIComponent(rest.join('/'));
      const answer = (status: number, body = '', headers: Record<string, string> = {}) => {
        state.requests.push({ method: request.method ?? '', key, status });
        response.writeHead(status, { ...(body ? { 'content-type': 'application/xml' } : {}), ...headers });
        response.end(body);
      };
      const body = await bodyOf(request);
      // The signature, over the headers the client says it signed.
      const authorization = request.headers.authorization ?? '';
      const match = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/\d{8}\/([^/]+)\/s3\/aws4_request,SignedHeaders=([^,]+),Signature=[0-9a-f]{64}$/.exec(authorization);
      if (!match || match[1] !== accessKeyId) return answer(403, xmlError('InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.'));
      const signed = Object.fromEntries(match[3].split(';').map((name) => [name, String(request.headers[name] ?? '')]));
      const payloadHash = String(request.headers['x-amz-content-sha256'] ?? '');
      const expected = authorizationHeader({ accessKeyId, secretAccessKey, region: match[2] === region ? region : '?' }, { method: request.method ?? '', path: url.pathname, headers: signed, payloadHash });
      if (expected !== authorization) return answer(403, xmlError('SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.'));
      if (bucketName !== bucket) return answer(404, xmlError('NoSuchBucket', 'The specified bucket does not exist'));
      switch (request.method) {
        case 'PUT': {
          if (state.failPuts) return answer(500, xmlError('InternalError', 'We encountered an internal error. Please try again.'));
          const hash = createHash('sha256').update(body).digest('hex');
          if (hash !== payloadHash) return answer(400, xmlError('XAmzContentSHA256Mismatch', 'The provided \'x-amz-content-sha256\' header does not match what was computed.'));
          if (Number(request.headers['content-length']) !== body.length) return answer(400, xmlError('IncompleteBody', 'You did not provide the number of bytes specified by the Content-Length HTTP header'));
          state.objects.set(key, { body, contentType: request.headers['content-type'] });
          return answer(200, '', { etag: `"${createHash('md5').update(body).digest('hex')}"` });
        }
        case 'GET':
        case 'HEAD': {
          const object = state.objects.get(key);
          if (!object) return answer(404, request.method === 'HEAD' ? '' : xmlError('NoSuchKey', 'The specified key does not exist.'));
          state.requests.push({ method: request.method, key, status: 200 });
          response.writeHead(200, { 'content-length': String(object.body.length), 'content-type': object.contentType ?? 'binary/octet-stream' });
          response.end(request.method === 'GET' ? object.body : undefined);
          return;
        }
        case 'DELETE':
          state.objects.delete(key);
          return answer(204);
        default:
          return answer(405, xmlError('MethodNotAllowed', 'The specified method is not allowed against this resource.'));
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    accessKeyId,
    secretAccessKey,
    objects: state.objects,
    requests: state.requests,
    get failPuts() {
      return state.failPuts;
    },
    set failPuts(value: boolean) {
      state.failPuts = value;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
