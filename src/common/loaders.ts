import DataLoader from 'dataloader';
import { In, type DataSource, type EntityTarget, type ObjectLiteral } from 'typeorm';

/*
 * Generic batch-loader helpers. Each feature builds its own loaders from these
 * (`<feature>/<feature>.loaders.ts`); the per-request set is assembled where the GraphQL
 * context is made (src/graphql-context.ts). A list resolving N relations then issues one
 * query per relation.
 */

/** A relation that the schema guarantees; its absence is a data fault, reported as INTERNAL. */
export function required<T>(value: T | null | undefined, what: string, ofId: string): T {
  if (value == null) throw new Error(`${what} of ${ofId} is missing`);
  return value;
}

/** One row per key (null when there is none), one query for the whole batch. */
export function byKey<T extends ObjectLiteral, K extends keyof T & string>(dataSource: DataSource, entity: EntityTarget<T>, key: K): DataLoader<string, T | null> {
  return new DataLoader(async (keys: readonly string[]) => {
    const rows = await dataSource.getRepository(entity).find({ where: { [key]: In([...keys]) } as never });
    const found = new Map(rows.map((row) => [String(row[key]), row]));
    return keys.map((k) => found.get(k) ?? null);
  });
}

/** Rows grouped by a foreign key, one query for the whole batch. */
export function manyBy<T extends ObjectLiteral, K extends keyof T & string>(dataSource: DataSource, entity: EntityTarget<T>, key: K, order: Record<string, 'ASC' | 'DESC'>): DataLoader<string, T[]> {
  return new DataLoader(async (keys: readonly string[]) => {
    const rows = await dataSource.getRepository(entity).find({ where: { [key]: In([...keys]) } as never, order: order as never });
    return keys.map((k) => rows.filter((row) => String(row[key]) === k));
  });
}
