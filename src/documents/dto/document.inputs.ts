import { Field, ID, InputType } from '@nestjs/graphql';
import { IsUUID } from 'class-validator';

@InputType()
export class DeleteDocumentInput {
  @Field(() => ID, { description: 'A document your organisation attached, on a parent you may still attach to.' })
  @IsUUID()
  id: string;
}
