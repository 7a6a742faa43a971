import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { Type } from '@nestjs/common';
import { AppError } from './app-error.js';

export const MAX_PAGE_SIZE = 100;

@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: 20, description: `Page size, 1 to ${MAX_PAGE_SIZE}.` })
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first: number = 20;

  @Field(() => String, { nullable: true, description: 'The endCursor of the previous page.' })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  after?: string | null;
}

@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage: boolean;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  /** A number, or a count that runs only if the client selects `totalCount` (`whenAsked`). */
  totalCount: number | PromiseLike<number>;
}

/**
 * A value computed only when someone awaits it: GraphQL awaits a field's value only when the
 * query selects that field, so a count that costs a query is not run for a page that does not
 * show it. Computed at most once.
 */
export function whenAsked<T>(compute: () => Promise<T>): PromiseLike<T> {
  let started: Promise<T> | null = null;
  return {
    then(onFulfilled, onRejected) {
      started ??= compute();
      return started.then(onFulfilled, onRejected);
    },
  };
}

/** A Relay connection type named `<Name>Connection`, with `<Name>Edge` edges. */
export function ConnectionType<T>(node: Type<T>, name: string): Type<Connection<T>> {
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field()
    cursor: string;

    @Field(() => node)
    node: T;
  }

  @ObjectType(`${name}Connection`)
  class ConnectionClass {
    @Field(() => [EdgeType])
    edges: EdgeType[];

    @Field(() => PageInfo)
    pageInfo: PageInfo;

    @Field(() => Int, { description: 'Items matching the filter, over all pages.' })
    totalCount: number;
  }
  return ConnectionClass;
}

/** Keyset cursors: the sort key of the last row, as base64url JSON. */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string | null | undefined, arity: number): (string | number)[] | null {
  if (cursor == null) return null;
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === arity && key.every((k) => typeof k === 'string' || typeof k === 'number')) {
      return key as (string | number)[];
    }
  } catch {
    // fall through
  }
  throw AppError.badInput('after', 'is not a cursor returned by this list');
}

/** An edge whose cursor is encoded when read: most clients select only the page's `endCursor`. */
class LazyEdge<T> implements Edge<T> {
  constructor(
    readonly node: T,
    private readonly keyOf: (row: T) => (string | number)[],
  ) {}

  get cursor(): string {
    return encodeCursor(this.keyOf(this.node));
  }
}

/**
 * Builds a connection from rows fetched with `LIMIT first + 1`: the extra row only says
 * that another page exists.
 */
export function toConnection<T>(rows: T[], first: number, totalCount: number | PromiseLike<number>, keyOf: (row: T) => (string | number)[]): Connection<T> {
  const page = rows.slice(0, first);
  const edges = page.map((node) => new LazyEdge(node, keyOf));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount,
  };
}
