import { createReadStream } from 'node:fs';
import { copyFile, mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { DocumentStorage, type SpooledFile } from './document-storage.js';

/** The embedded default: files under `<DATA_DIR>/documents/objects/<2 first characters>/<key>`. */
export class FilesystemDocumentStorage extends DocumentStorage {
  readonly name = 'filesystem' as const;

  constructor(private readonly root: string) {
    super();
  }

  private pathOf(key: string): string {
    if (!/^[A-Za-z0-9_-]{8,}$/.test(key)) throw new Error(`bad storage key ${key}`);
    return join(this.root, key.slice(0, 2), key);
  }

  async put(key: string, file: SpooledFile): Promise<void> {
    const target = this.pathOf(key);
    await mkdir(dirname(target), { recursive: true });
    try {
      await rename(file.path, target);
    } catch (error) {
      // The spool folder on another file system: copy, then the caller removes the spool file.
      if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
      await copyFile(file.path, target);
    }
  }

  async get(key: string): Promise<Readable> {
    const path = this.pathOf(key);
    await stat(path);
    return createReadStream(path);
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  async has(key: string): Promise<boolean> {
    return stat(this.pathOf(key)).then(() => true, () => false);
  }
}
