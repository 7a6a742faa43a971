import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Role } from '../access/role.js';

@ObjectType('User')
export class UserModel {
  @Field(() => ID)
  id: string;

  @Field()
  email: string;

  @Field()
  displayName: string;

  @Field(() => Role)
  role: Role;

  @Field(() => ID)
  organizationId: string;

  @Field()
  orgAdmin: boolean;

  @Field(() => String, { nullable: true })
  jurisdictionCode: string | null;

  @Field({ description: 'False once disabled: the user cannot sign in and its tokens are refused.' })
  active: boolean;
}
