import { HttpException, HttpStatus, PayloadTooLargeException } from '@nestjs/common';
import type { Request, Response } from 'express';

/** The most a CSV upload (`POST /imports/…`) may carry: 20 MB. */
export const CSV_UPLOAD_LIMIT_BYTES = 20 * 1024 * 1024;

function tooLarge(maxBytes: number): PayloadTooLargeException {
  return new PayloadTooLargeException(`The CSV body is over its limit of ${maxBytes / 1024 / 1024} MB: split the file`);
}

/**
 * The body of a `text/csv` upload (UTF-8), as its chunks arrive: refused with 415 for another
 * type or character set, and with 413 beyond `maxBytes` — before reading when Content-Length
 * says so, else as soon as the bytes received pass it.
 */
export async function* csvUploadBody(request: Request, maxBytes: number): AsyncGenerator<Buffer> {
  const [type, ...parameters] = (request.headers['content-type'] ?? '').split(';').map((part) => part.trim().toLowerCase());
  const charset = parameters.find((p) => p.startsWith('charset='))?.slice('charset='.length).replace(/"/g, '');
  if (type !== 'text/csv' || (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8')) {
    throw new HttpException('Send the file as Content-Type: text/csv (UTF-8)', HttpStatus.UNSUPPORTED_MEDIA_TYPE);
  }
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
  let received = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    received += chunk.length;
    if (received > maxBytes) throw tooLarge(maxBytes);
    yield chunk;
  }
}

/**
 * Runs an import on an upload's body. When it is refused before the body was read whole, the
 * rest is discarded as it arrives (a sender that writes its whole body before reading the
 * answer then gets it; the request deadline still bounds the wait) and the connection closed.
 */
export async function importUpload<T>(request: Request, response: Response, maxBytes: number, work: (body: AsyncIterable<Buffer>) => Promise<T>): Promise<T> {
  try {
    return await work(csvUploadBody(request, maxBytes));
  } catch (error) {
    if (!request.complete) {
      response.setHeader('Connection', 'close');
      request.resume();
    }
    throw error;
  }
}
