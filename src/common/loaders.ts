import DataLoader from 'dataloader';
import type { DataSource, EntityTarget, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata.js';
import { DriverUtils } from 'typeorm/driver/DriverUtils.js';

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

/**
 * Reads rows of one entity whose `key` column is one of a batch of keys. The SELECT is written
 * once, from the entity's metadata, and each row becomes an entity column by column with
 * TypeORM's own conversions (`prepareHydratedValue`: column types and transformers), as
 * `repository.find({ where: { key: In(keys) } })` would return it — without building the query
 * and mapping the result through the query builder on every batch, which cost a fifth of the
 * API's CPU time under load (bench/graphql-throughput.ts).
 */
export function entityReader<T extends ObjectLiteral>(dataSource: DataSource, entity: EntityTarget<T>, key: keyof T & string, order: Record<string, 'ASC' | 'DESC'> = {}): (keys: readonly string[]) => Promise<T[]> {
  // Loaders are made per request: the reader is made once per data source, entity, key and order.
  let ofSource = readers.get(dataSource);
  if (!ofSource) readers.set(dataSource, (ofSource = new Map()));
  const id = `${dataSource.getMetadata(entity).name}|${key}|${JSON.stringify(order)}`;
  let reader = ofSource.get(id);
  if (!reader) ofSource.set(id, (reader = makeEntityReader(dataSource, entity, key, order)));
  return reader as (keys: readonly string[]) => Promise<T[]>;
}

const readers = new WeakMap<DataSource, Map<string, (keys: readonly string[]) => Promise<unknown[]>>>();

function makeEntityReader<T extends ObjectLiteral>(dataSource: DataSource, entity: EntityTarget<T>, key: keyof T & string, order: Record<string, 'ASC' | 'DESC'>): (keys: readonly string[]) => Promise<T[]> {
  const metadata = dataSource.getMetadata(entity);
  const columns: ColumnMetadata[] = metadata.columns.filter((c) => !c.isVirtual && c.isSelect);
  const keyColumn = metadata.findColumnWithPropertyPath(key);
  if (!keyColumn) throw new Error(`${metadata.name} has no column ${key}`);
  const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
  const orderBy = Object.entries(order).map(([property, direction]) => {
    const column = metadata.findColumnWithPropertyPath(property);
    if (!column) throw new Error(`${metadata.name} has no column ${property}`);
    return `${quote(column.databaseName)} ${direction}`;
  });
  const table = metadata.schema ? `${quote(metadata.schema)}.${quote(metadata.tableName)}` : quote(metadata.tableName);
  const sql = `SELECT ${columns.map((c) => quote(c.databaseName)).join(', ')} FROM ${table} WHERE ${quote(keyColumn.databaseName)} = ANY($1)${orderBy.length > 0 ? ` ORDER BY ${orderBy.join(', ')}` : ''}`;
  const hydrate = rowHydrator<T>(dataSource, entity, columns, (c) => c.databaseName);
  return async (keys) => (await dataSource.query<Record<string, unknown>[]>(sql, [[...keys]])).map(hydrate);
}

/**
 * Makes an entity of a row column by column with TypeORM's own conversions
 * (`prepareHydratedValue`: column types and transformers), as the query builder's
 * `getMany` would, without its per-row machinery. `name` gives the row's field for a column.
 */
function rowHydrator<T extends ObjectLiteral>(dataSource: DataSource, entity: EntityTarget<T>, columns: readonly ColumnMetadata[], name: (column: ColumnMetadata) => string): (row: Record<string, unknown>) => T {
  const metadata = dataSource.getMetadata(entity);
  const driver = dataSource.driver;
  const fields = columns.map((column) => ({ column, field: name(column), property: column.propertyName, plain: isPlain(column) }));
  return (row) => {
    const item = metadata.create() as T;
    for (const { column, field, property, plain } of fields) {
      const value = row[field];
      if (value === undefined) continue;
      if (plain) (item as Record<string, unknown>)[property] = value;
      else column.setEntityValue(item, driver.prepareHydratedValue(value, column));
    }
    return item;
  };
}

/** Column types whose value node-postgres gives as TypeORM's PostgreSQL driver would keep it (`prepareHydratedValue` returns it as it is). */
const PLAIN_TYPES = new Set<unknown>(['uuid', 'text', 'varchar', 'character varying', 'int', 'integer', 'smallint', 'bigint', 'boolean', 'json', 'jsonb', 'numeric', 'double precision', 'real']);

/** A column set on the entity as its row gives it: a plain type, no transformer, not inside an embedded object. */
function isPlain(column: ColumnMetadata): boolean {
  return PLAIN_TYPES.has(column.type) && !column.transformer && !column.embeddedMetadata;
}

const hydrators = new WeakMap<DataSource, Map<string, (row: Record<string, unknown>) => unknown>>();

/**
 * `query.getMany()` for a query builder that selects one entity's columns under its main alias
 * (no joins, no relations, no eager loading; `take` without joins is a plain LIMIT): the same
 * SQL and the same entities, hydrated by rowHydrator instead of the query builder's transformer.
 */
export async function manyOf<T extends ObjectLiteral>(query: SelectQueryBuilder<T>): Promise<T[]> {
  const main = query.expressionMap.mainAlias;
  if (!main?.hasMetadata || query.expressionMap.joinAttributes.length > 0 || query.expressionMap.relationIdAttributes.length > 0) {
    return query.getMany();
  }
  const dataSource = query.connection;
  const metadata = main.metadata;
  let ofSource = hydrators.get(dataSource);
  if (!ofSource) hydrators.set(dataSource, (ofSource = new Map()));
  const id = `${metadata.name}|${main.name}`;
  let hydrate = ofSource.get(id) as ((row: Record<string, unknown>) => T) | undefined;
  if (!hydrate) {
    const columns = metadata.columns.filter((c) => !c.isVirtual && c.isSelect);
    hydrate = rowHydrator<T>(dataSource, metadata.target as EntityTarget<T>, columns, (c) => DriverUtils.buildAlias(dataSource.driver, undefined, main.name, c.databaseName));
    ofSource.set(id, hydrate);
  }
  const [sql, parameters] = query.getQueryAndParameters();
  return (await dataSource.query<Record<string, unknown>[]>(sql, parameters)).map(hydrate);
}

/** One row per key (null when there is none), one query for the whole batch. */
export function byKey<T extends ObjectLiteral, K extends keyof T & string>(dataSource: DataSource, entity: EntityTarget<T>, key: K): DataLoader<string, T | null> {
  const read = entityReader(dataSource, entity, key);
  return new DataLoader(async (keys: readonly string[]) => {
    const rows = await read(keys);
    const found = new Map(rows.map((row) => [String(row[key]), row]));
    return keys.map((k) => found.get(k) ?? null);
  });
}

/** Rows grouped by a foreign key, one query for the whole batch. */
export function manyBy<T extends ObjectLiteral, K extends keyof T & string>(dataSource: DataSource, entity: EntityTarget<T>, key: K, order: Record<string, 'ASC' | 'DESC'>): DataLoader<string, T[]> {
  const read = entityReader(dataSource, entity, key, order);
  return new DataLoader(async (keys: readonly string[]) => {
    const rows = await read(keys);
    const groups = new Map<string, T[]>();
    for (const row of rows) {
      const k = String(row[key]);
      const group = groups.get(k);
      if (group) group.push(row);
      else groups.set(k, [row]);
    }
    return keys.map((k) => groups.get(k) ?? []);
  });
}
