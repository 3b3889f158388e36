import { ObjectType } from 'type-graphql';
import { ConnectionOf } from '../shared/connection';
import { TouchpointType } from './touchpoint.type';

@ObjectType({ description: 'A page of touchpoints.' })
export class TouchpointConnection extends ConnectionOf('Touchpoint', TouchpointType) {}
