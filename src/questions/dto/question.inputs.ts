import { Field, ID, InputType, Int, registerEnumType } from '@nestjs/graphql';
import { IsBoolean, IsInt, IsString, IsUUID, MaxLength, Min } from 'class-validator';
import { IsFreeText } from '../../common/text-fields.js';
import { AnswerVisibility } from '../question.entity.js';

registerEnumType(AnswerVisibility, {
  name: 'AnswerVisibility',
  description: 'Who reads an answer.',
  valuesMap: {
    PRIVATE: { description: 'The asking supplier only.' },
    PUBLISHED: { description: 'Every supplier taking part in the requirement (invited, quoting or asking), without the asker\'s name.' },
  },
});

/** The longest question or answer, in characters. */
export const QUESTION_TEXT_MAX = 4000;

@InputType()
export class AskQuestionInput {
  @Field(() => ID, { description: 'An OPEN requirement before its quote deadline, to which your organisation is invited or for which it qualifies.' })
  @IsUUID()
  requirementId: string;

  @Field({ description: `The question, 1–${QUESTION_TEXT_MAX} characters.` })
  @IsFreeText()
  @IsString()
  @MaxLength(QUESTION_TEXT_MAX)
  question: string;
}

@InputType()
export class AnswerQuestionInput {
  @Field(() => ID, { description: 'An unanswered question on your organisation\'s requirement.' })
  @IsUUID()
  id: string;

  @Field(() => Int, { description: 'The version you read (optimistic locking).' })
  @IsInt()
  @Min(1)
  version: number;

  @Field({ description: `The answer, 1–${QUESTION_TEXT_MAX} characters.` })
  @IsFreeText()
  @IsString()
  @MaxLength(QUESTION_TEXT_MAX)
  answer: string;

  @Field({ description: 'True: every supplier taking part reads the question and answer, without the asker\'s name; false: the asker only.' })
  @IsBoolean()
  publish: boolean;
}
