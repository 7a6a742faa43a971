import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('ImportProblem', { description: 'Why one row was rejected; line 1 is the header.' })
export class ImportProblemModel {
  @Field(() => Int) line: number;
  @Field() column: string;
  @Field() message: string;
}

@ObjectType('ImportCounts')
export class ImportCountsModel {
  @Field(() => Int) organizations: number;
  @Field(() => Int) sites: number;
  @Field(() => Int) capabilities: number;
  @Field(() => Int) certifications: number;
}

@ObjectType('ImportReport')
export class ImportReportModel {
  @Field(() => Int, { description: 'Data rows read.' }) rows: number;
  @Field(() => Int, { description: 'Rows written or found already present.' }) accepted: number;
  @Field(() => [ImportProblemModel]) rejected: ImportProblemModel[];
  @Field(() => ImportCountsModel, { description: 'What did not exist before and was created.' }) created: ImportCountsModel;
}
