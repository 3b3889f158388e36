import { Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { encodeCursor, type Page } from '../../domain/shared/page';
import { PageInfo } from './page-info.type';

/** A Relay edge and connection shaped object, as the resolvers return it. */
export interface ConnectionShape<TEdge> {
  edges: TEdge[];
  pageInfo: PageInfo;
  totalCount: number;
}

/**
 * The GraphQL types `<Name>Edge { cursor, node }` and an abstract connection class to
 * extend as `<Name>Connection`.
 */
export function ConnectionOf<TNode extends object>(name: string, NodeType: ClassType<TNode>) {
  @ObjectType(`${name}Edge`, { description: `One ${name} in a page, with its cursor.` })
  class Edge {
    @Field(() => String, { description: 'Opaque position of this item; page on from it with `after`.' })
    cursor!: string;

    @Field(() => NodeType, { description: `The ${name} at this position of the list.` })
    node!: TNode;
  }

  // Not reachable from the schema by itself, so type-graphql 2 does not emit it; subclasses name the type.
  @ObjectType()
  abstract class Connection {
    @Field(() => [Edge], { description: 'The items of this page, in the order of the list, each with its cursor; empty past the end.' })
    edges!: Edge[];

    @Field(() => PageInfo, { description: 'Whether pages precede or follow this one, and the cursors at its ends to page on with.' })
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'How many items match in all, across every page.' })
    totalCount!: number;
  }
  return Connection;
}

/** Turns a domain page into a connection; `toEdge` adds fields beyond cursor and node. */
export function toConnection<T, TEdge extends { cursor: string }>(
  page: Page<T>,
  toEdge: (item: T, cursor: string) => TEdge,
): ConnectionShape<TEdge> {
  const edges = page.items.map((item, i) => toEdge(item, encodeCursor(page.offset + i)));
  return {
    edges,
    totalCount: page.totalCount,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: page.hasPreviousPage,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

/** The common case: edges of just cursor and node. */
export function toNodeConnection<T>(page: Page<T>): ConnectionShape<{ cursor: string; node: T }> {
  return toConnection(page, (node, cursor) => ({ cursor, node }));
}
