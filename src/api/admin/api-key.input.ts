import { Field, InputType } from 'type-graphql';
import { RoleEnum } from './role.enum';

@InputType('CreateApiKeyInput', { description: 'A new API key.' })
export class CreateApiKeyInput {
  @Field(() => String, { description: 'What the key is for (1–100 characters).' })
  name!: string;

  @Field(() => RoleEnum, { description: 'The role requests with the key act with.' })
  role!: RoleEnum;
}
