import { Field, InputType, ObjectType } from '@nestjs/graphql';
import { IsString, Length, MaxLength } from 'class-validator';
import { IsName } from './text-fields.js';

@ObjectType('Spec', { description: 'A technical specification as key and value, e.g. 制动响应时间 = 150 ms.' })
export class SpecModel {
  @Field()
  key: string;

  @Field()
  value: string;
}

@InputType()
export class SpecInput {
  @Field()
  @IsName()
  @IsString()
  @Length(1, 100)
  key: string;

  @Field()
  @IsString()
  @MaxLength(500)
  value: string;
}
