import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { HttpException, HttpStatus, PayloadTooLargeException } from '@nestjs/common';
import type { Request, Response } from 'express';

/** The content type an upload's body must declare: the bytes as they are (no multipart, no JSON). */
export const UPLOAD_CONTENT_TYPE = 'application/octet-stream';

export function tooLarge(maxBytes: number): PayloadTooLargeException {
  return new PayloadTooLargeException(`The document is over its limit of ${maxBytes} bytes (${(maxBytes / 1024 / 1024).toFixed(1)} MiB)`);
}

/**
 * The body of a document upload as its chunks arrive: refused with 415 unless sent as
 * `application/octet-stream`, and with 413 beyond `maxBytes` — before reading when Content-Length
 * says so, else as soon as the bytes received pass it.
 */
export async function* uploadBody(request: Request, maxBytes: number): AsyncGenerator<Buffer> {
  const type = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type !== UPLOAD_CONTENT_TYPE) throw new HttpException(`Send the file's bytes as the body, with Content-Type: ${UPLOAD_CONTENT_TYPE}`, HttpStatus.UNSUPPORTED_MEDIA_TYPE);
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
 * Runs an upload on its body. When it fails before the body was read whole, the rest is
 * discarded as it arrives (a sender that writes its whole body before reading the answer then
 * gets it; the request deadline still bounds the wait) and the connection closed.
 */
export async function withUploadBody<T>(request: Request, response: Response, maxBytes: number, work: (body: AsyncIterable<Buffer>) => Promise<T>): Promise<T> {
  try {
    return await work(uploadBody(request, maxBytes));
  } catch (error) {
    if (!request.complete) {
      response.setHeader('Connection', 'close');
      request.resume();
    }
    throw error;
  }
}

/** A body written to the spool folder, measured on the way: never more than one chunk in memory. */
export interface Spooled {
  path: string;
  size: number;
  sha256: string;
}

/** Writes the body to a fresh file in `dir`, hashing and counting; on any failure the file is removed. */
export async function spool(body: AsyncIterable<Buffer>, dir: string): Promise<Spooled> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${randomUUID()}.part`);
  const hash = createHash('sha256');
  let size = 0;
  try {
    await pipeline(
      (async function* () {
        for await (const chunk of body) {
          size += chunk.length;
          hash.update(chunk);
          yield chunk;
        }
      })(),
      createWriteStream(path, { flags: 'wx' }),
    );
  } catch (error) {
    await rm(path, { force: true });
    throw error;
  }
  return { path, size, sha256: hash.digest('hex') };
}

/** The first `bytes` bytes of a file (fewer when it is shorter). */
export async function headOf(path: string, bytes: number): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
