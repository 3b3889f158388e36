import { GraphQLDateTime } from 'graphql-scalars';
import { Field, ID, InterfaceType } from 'type-graphql';
import { ChangeType } from './change-type.enum';

@InterfaceType('Change', {
  description:
    'A committed change delivered by a subscription. Keep the last `cursor` received: subscribing again with `since: cursor` replays what was missed, without gaps or duplicates.',
})
export abstract class ChangeInterface {
  @Field(() => ID, { description: 'Unique id of the change (event id).' })
  eventId!: string;

  @Field(() => String, {
    description: "Position in the server's event log; opaque, sortable. Pass it as `since` to resume after this change.",
  })
  cursor!: string;

  @Field(() => ChangeType, { description: 'What happened, e.g. ENTITY_UPDATED; each subscription delivers only the types of its payload.' })
  type!: ChangeType;

  @Field(() => String, { description: 'Who made the change.' })
  actor!: string;

  @Field(() => GraphQLDateTime, { description: 'When the change was committed.' })
  occurredAt!: string;
}
