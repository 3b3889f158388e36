import { Field, ObjectType, Query, Resolver, Ctx } from 'type-graphql';
import type { ApiContext } from './context';

@ObjectType({ description: 'About this server.' })
export class ServerInfo {
  @Field(() => String, { description: 'The graph engine behind the API: grafeo or neo4j.' })
  engine!: string;

  @Field(() => String, { description: 'The release of xrm-graph serving the API (its package version), e.g. 0.1.0.' })
  version!: string;
}

@Resolver()
export class HealthResolver {
  @Query(() => ServerInfo, { description: 'Which engine and version serve this API.' })
  serverInfo(@Ctx() ctx: ApiContext): ServerInfo {
    return { engine: ctx.services.engineKind, version: ctx.services.version };
  }
}
