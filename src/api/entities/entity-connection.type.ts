import { ObjectType } from 'type-graphql';
import { ConnectionOf } from '../shared/connection';
import { EntityType } from './entity.type';

@ObjectType({ description: 'A page of entities.' })
export class EntityConnection extends ConnectionOf('Entity', EntityType) {}
