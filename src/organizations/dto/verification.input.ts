import { Field, ID, InputType } from '@nestjs/graphql';
import { IsString, IsUUID, Length } from 'class-validator';

@InputType({ description: 'The platform\'s verification decision on an OEM or supplier.' })
export class VerificationDecisionInput {
  @Field(() => ID) @IsUUID() id: string;

  @Field({ description: 'Why (what was checked, or what is missing); kept on the organisation and in the audit log.' })
  @IsString()
  @Length(1, 1000)
  reason: string;
}
