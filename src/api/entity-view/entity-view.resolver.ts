import { Args, Ctx, Query, Resolver } from 'type-graphql';
import type { EntityView } from '../../domain/entity-view/entity-view.model';
import type { ApiContext } from '../context';
import { EntityViewArgs, EntityViewType } from './entity-view.types';

@Resolver()
export class EntityViewResolver {
  @Query(() => EntityViewType, {
    nullable: true,
    description:
      'The 360° view of an entity: relationships grouped by type, key neighbours by strength, recent touchpoints, experience metrics and bookings. At most three engine round trips, whatever the amount of data. Null for an unknown id.',
  })
  entityView(@Args(() => EntityViewArgs) args: EntityViewArgs, @Ctx() ctx: ApiContext): Promise<EntityView | null> {
    return ctx.services.entityView.view(args.id, args);
  }
}
