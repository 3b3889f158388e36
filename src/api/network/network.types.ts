import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { Entity } from '../../domain/entities/entity.model';
import { Category } from '../../domain/metamodel/metamodel.types';
import { PathEdgeDirection } from '../../domain/network/network.model';
import '../metamodel/category.enum';
import { EntityType } from '../entities/entity.type';

registerEnumType(PathEdgeDirection, {
  name: 'PathEdgeDirection',
  description: 'How a step of a path runs relative to the stored relationship.',
  valuesConfig: {
    FORWARD: { description: "The step goes from the relationship's source to its target." },
    BACKWARD: { description: "The step goes against the relationship, from its target to its source." },
  },
});

@ObjectType('NeighbourhoodNode', {
  simpleResolvers: true,
  description: 'An entity of a neighbourhood: its id, its distance from the start and the labels a visualisation needs (kind, category, name), answered without loading the entity; `entity` loads the full record.',
})
export class NeighbourhoodNodeType {
  @Field(() => ID, { description: 'The entity id.' })
  id!: string;

  @Field(() => Int, { description: 'Hops from the start entity (0 for the start itself).' })
  depth!: number;

  @Field(() => String, { description: "The entity's kind, e.g. Person (a label for a visualisation; no entity load)." })
  kind!: string;

  @Field(() => Category, { description: "The entity's category." })
  category!: Category;

  @Field(() => String, { description: "The entity's display name." })
  name!: string;
}

@ObjectType('NeighbourhoodEdge', { simpleResolvers: true, description: 'A relationship of a neighbourhood (the full relationship is in `relationship`).' })
export class NeighbourhoodEdgeType {
  @Field(() => ID, { description: 'The relationship id.' })
  id!: string;

  @Field(() => String, { description: 'The relationship type.' })
  type!: string;

  @Field(() => ID, { description: 'The stored source.' })
  fromId!: string;

  @Field(() => ID, { description: 'The stored target.' })
  toId!: string;

  @Field(() => Float, { nullable: true, description: 'Explicit strength between 0 and 1.' })
  strength!: number | null;
}

@ObjectType('Neighbourhood', { description: 'The subgraph around an entity, ready for a visualisation.' })
export class NeighbourhoodType {
  @Field(() => [NeighbourhoodNodeType], { description: 'The start (depth 0) and the entities reached, level by level.' })
  nodes!: NeighbourhoodNodeType[];

  @Field(() => [NeighbourhoodEdgeType], { description: 'Every matching relationship whose both ends are among `nodes`.' })
  edges!: NeighbourhoodEdgeType[];

  @Field(() => Boolean, { description: 'True when `maxNodes`, or the cap of 20 relationships per node in `edges`, cut the neighbourhood short.' })
  truncated!: boolean;
}

@ObjectType('PathEdge', { description: 'One hop of a path.' })
export class PathEdgeType {
  @Field(() => ID, { description: 'The id of the relationship this hop follows (see `relationship`).' })
  relationshipId!: string;

  @Field(() => String, { description: 'The relationship type.' })
  type!: string;

  @Field(() => ID, { description: 'The stored source of the relationship.' })
  fromId!: string;

  @Field(() => ID, { description: 'The stored target of the relationship.' })
  toId!: string;

  @Field(() => PathEdgeDirection, { description: 'FORWARD when the path follows the relationship from source to target.' })
  direction!: PathEdgeDirection;

  @Field(() => Float, { nullable: true, description: 'The strength of this hop (introductionPath only).' })
  strength!: number | null;
}

@ObjectType('Path', { description: 'A path between two entities: `nodes[i]` —`edges[i]`→ `nodes[i+1]`.' })
export class PathType {
  @Field(() => [ID], { description: 'The entity ids along the path, in order.' })
  nodeIds!: string[];

  @Field(() => [PathEdgeType], { description: 'The hops, in order.' })
  edges!: PathEdgeType[];

  @Field(() => Int, { description: 'Number of hops.' })
  length!: number;

  @Field(() => Float, { nullable: true, description: 'Product of the hop strengths (introductionPath only).' })
  strength!: number | null;
}

@ObjectType('CommonConnection', { description: 'An entity directly related to both of two entities.' })
export class CommonConnectionType {
  @Field(() => EntityType, { description: 'The entity related to both `a` and `b`.' })
  entity!: Entity;

  @Field(() => [ID], { description: 'Relationships between the first entity (`a`) and this one.' })
  viaA!: string[];

  @Field(() => [ID], { description: 'Relationships between the second entity (`b`) and this one.' })
  viaB!: string[];
}
