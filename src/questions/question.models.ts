import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { AnswerVisibility } from './question.entity.js';

@ObjectType('ClarificationQuestion', { description: 'A supplier\'s question on a requirement and the buyer\'s answer. The asker is named to the buyer and the asker only.' })
export class ClarificationQuestionModel {
  @Field(() => ID) id: string;
  @Field(() => ID) requirementId: string;
  @Field() question: string;
  @Field(() => String, { nullable: true, description: 'Null until answered.' }) answer: string | null;
  @Field(() => AnswerVisibility, { nullable: true, description: 'Null until answered.' }) visibility: AnswerVisibility | null;
  @Field(() => GraphQLISODateTime) askedAt: Date;
  @Field(() => GraphQLISODateTime, { nullable: true }) answeredAt: Date | null;
  @Field({ description: 'True when your organisation asked it.' }) mine: boolean;
  @Field(() => ID, { nullable: true, description: 'The asking supplier organisation: shown to the buyer and the asker only, null to everyone else.' }) supplierId: string | null;
  @Field(() => Int) version: number;
}
