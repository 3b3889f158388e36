import { Field, ObjectType } from 'type-graphql';
import { TouchpointType } from '../touchpoints/touchpoint.type';
import { ChangeInterface } from './change.interface';

@ObjectType('TouchpointChange', { implements: ChangeInterface, description: 'A touchpoint was recorded (TOUCHPOINT_RECORDED).' })
export class TouchpointChangeType extends ChangeInterface {
  @Field(() => TouchpointType, { description: 'The touchpoint as recorded.' })
  touchpoint!: TouchpointType;
}
