import { ArgsType, Field, ID, Int } from 'type-graphql';
import { Category } from '../../domain/metamodel/metamodel.types';
import { RelationshipDirection } from '../../domain/relationships/relationship.model';
import '../metamodel/category.enum';
import '../relationships/relationship.type';

@ArgsType()
export class NeighbourhoodArgs {
  @Field(() => ID, { description: 'The entity at the centre.' })
  id!: string;

  @Field(() => Int, { nullable: true, description: 'Hops from the centre (default 2): 1 to MAX_TRAVERSAL_DEPTH, a server setting of 3 unless configured; BAD_USER_INPUT beyond.' })
  depth?: number | null;

  @Field(() => RelationshipDirection, { nullable: true, description: 'Which relationships to follow from each entity. Default BOTH.' })
  direction?: RelationshipDirection | null;

  @Field(() => [String], { nullable: true, description: 'Only follow relationships of these types.' })
  relationshipTypes?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Only reach (and expand through) entities of these kinds.' })
  kinds?: string[] | null;

  @Field(() => [Category], { nullable: true, description: 'Only reach (and expand through) entities of these categories.' })
  categories?: Category[] | null;

  @Field(() => String, { nullable: true, description: 'ISO-8601 instant: ignore relationships not valid then.' })
  activeAt?: string | null;

  @Field(() => Int, { nullable: true, description: 'Most nodes returned, the centre included (default 500, at most MAX_TRAVERSAL_NODES).' })
  maxNodes?: number | null;
}

/** The filters every path query shares: which relationships a hop may follow and which entities a path may pass through. */
@ArgsType()
abstract class PathFilterArgs {
  @Field(() => [String], { nullable: true, description: 'Only follow relationships of these types (see `direction`).' })
  relationshipTypes?: string[] | null;

  @Field(() => RelationshipDirection, {
    nullable: true,
    description: 'OUTGOING: every hop follows its relationship from source to target; INCOMING: against it. Types that are not directed count either way. Default BOTH.',
  })
  direction?: RelationshipDirection | null;

  @Field(() => [String], { nullable: true, description: 'Only pass through entities of these kinds (the two ends are exempt).' })
  kinds?: string[] | null;

  @Field(() => [Category], { nullable: true, description: 'Only pass through entities of these categories (the two ends are exempt).' })
  categories?: Category[] | null;

  @Field(() => String, { nullable: true, description: 'ISO-8601 instant: ignore relationships not valid then.' })
  activeAt?: string | null;
}

@ArgsType()
export class PathArgs extends PathFilterArgs {
  @Field(() => ID, { description: 'Where the path starts.' })
  from!: string;

  @Field(() => ID, { description: 'Where the path ends.' })
  to!: string;

  @Field(() => Int, { nullable: true, description: 'Longest path considered, in hops (default 6, at most MAX_PATH_DEPTH).' })
  maxDepth?: number | null;
}

@ArgsType()
export class AllPathsArgs extends PathArgs {
  @Field(() => Int, { nullable: true, description: 'Most paths returned (default 10, at most 100).' })
  limit?: number | null;
}

@ArgsType()
export class ConnectionPathsArgs extends PathFilterArgs {
  @Field(() => ID, { description: 'Where the paths start; NOT_FOUND when there is no such entity.' })
  from!: string;

  @Field(() => ID, { description: 'Where the paths end; NOT_FOUND when there is no such entity. The same as `from`: no paths.' })
  to!: string;

  @Field(() => Int, { nullable: true, description: 'Longest path considered, in hops: 1 to 4 (default 4).' })
  maxDepth?: number | null;

  @Field(() => Int, { nullable: true, description: 'Most paths returned (default 10, at most 100).' })
  limit?: number | null;
}

@ArgsType()
export class IntroductionPathArgs extends PathFilterArgs {
  @Field(() => ID, { description: 'Who wants the introduction.' })
  from!: string;

  @Field(() => ID, { description: 'Who they want to be introduced to.' })
  to!: string;

  @Field(() => Int, { nullable: true, description: 'Longest chain considered, in hops: 1 to 4 (default 4).' })
  maxDepth?: number | null;
}

@ArgsType()
export class CommonConnectionsArgs {
  @Field(() => ID, { description: 'The first entity; NOT_FOUND when there is none.' })
  a!: string;

  @Field(() => ID, { description: 'The second entity; NOT_FOUND when there is none.' })
  b!: string;

  @Field(() => [String], { nullable: true, description: 'Only relationships of these types count.' })
  relationshipTypes?: string[] | null;

  @Field(() => String, { nullable: true, description: 'ISO-8601 instant: ignore relationships not valid then.' })
  activeAt?: string | null;

  @Field(() => Int, { nullable: true, description: 'Most entities returned, by name (default 100, at most 1000).' })
  limit?: number | null;
}
