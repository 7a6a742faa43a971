import DataLoader from 'dataloader';
import type { Principal } from '../access/role.js';
import { DocumentParentKind } from './document.entity.js';
import type { DocumentModel } from './document.models.js';
import type { DataSource } from 'typeorm';
import { documentsOf } from './document-lists.js';

export interface DocumentLoaders {
  /** Keyed by `<kind>:<parent id>`: the parent's documents as the reader may see them (documentsOf). */
  documents: DataLoader<string, DocumentModel[]>;
}

/** `reader`: the principal the access guard put on the request (asked when a batch runs, after the guard). */
export function createDocumentLoaders(dataSource: DataSource, reader: () => Principal | undefined): DocumentLoaders {
  return {
    documents: new DataLoader(async (keys: readonly string[]) => {
      const actor = reader();
      const byKind = new Map<DocumentParentKind, string[]>();
      for (const key of keys) {
        const [kind, id] = key.split(':') as [DocumentParentKind, string];
        byKind.set(kind, [...(byKind.get(kind) ?? []), id]);
      }
      const found = new Map<string, DocumentModel[]>();
      for (const [kind, ids] of byKind) {
        const lists = await documentsOf(dataSource, actor, kind, ids);
        ids.forEach((id, index) => found.set(`${kind}:${id}`, lists[index]));
      }
      return keys.map((key) => found.get(key) ?? []);
    }),
  };
}
