import type { Readable } from 'node:stream';

/** A finished upload waiting in the local spool folder, with what was measured while it arrived. */
export interface SpooledFile {
  path: string;
  size: number;
  /** Hex SHA-256 of the bytes. */
  sha256: string;
  contentType: string;
}

/**
 * Where document bytes live: the port. `put` takes a spooled file (the adapter moves or sends it;
 * the spool file may be gone afterwards), `get` streams the bytes back, `delete` removes them and
 * succeeds when there is nothing to remove. Keys are opaque ASCII strings chosen by the service.
 */
export abstract class DocumentStorage {
  abstract readonly name: 'filesystem' | 's3';
  abstract put(key: string, file: SpooledFile): Promise<void>;
  abstract get(key: string): Promise<Readable>;
  abstract delete(key: string): Promise<void>;
  /** Whether an object is stored under the key (for checks and tests). */
  abstract has(key: string): Promise<boolean>;
}
