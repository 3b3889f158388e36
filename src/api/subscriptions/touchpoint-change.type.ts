import { Field, ObjectType } from 'type-graphql';
import { TouchpointType } from '../touchpoints/touchpoint.type';
import { ChangeInterface } from './change.interface';

@ObjectType('TouchpointChange', { implements: ChangeInterface, description: 'A touchpoint was recorded, changed or deleted (TOUCHPOINT_RECORDED, TOUCHPOINT_UPDATED, TOUCHPOINT_DELETED).' })
export class TouchpointChangeType extends ChangeInterface {
  @Field(() => TouchpointType, { description: 'The touchpoint after the change (as it was, for a deletion).' })
  touchpoint!: TouchpointType;
}
