import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { QuestionsService } from './questions.service.js';
import { ClarificationQuestionModel } from './question.models.js';
import { AnswerQuestionInput, AskQuestionInput } from './dto/question.inputs.js';
import { CurrentUser, Roles } from '../access/access.decorator.js';
import { Role, type Principal } from '../access/role.js';
import type { GraphQLRequestContext } from '../access/request-context.js';
import { UuidPipe } from '../common/uuid.pipe.js';
import { RequirementModel } from '../requirements/requirement.model.js';
import type { OrganizationLoaders } from '../organizations/organization.loaders.js';
import type { QuestionLoaders } from './question.loaders.js';


@Resolver(() => ClarificationQuestionModel)
export class QuestionsResolver {
  constructor(private readonly questions: QuestionsService) {}

  @Roles(Role.SUPPLIER_ADMIN)
  @Mutation(() => ClarificationQuestionModel, { description: 'Asks the buyer a question about an OPEN requirement before its quote deadline; your organisation must be invited or qualified.' })
  askQuestion(@CurrentUser() actor: Principal, @Args('input') input: AskQuestionInput): Promise<ClarificationQuestionModel> {
    return this.questions.ask(actor, input);
  }

  @Roles(Role.OEM_BUYER)
  @Mutation(() => ClarificationQuestionModel, { description: 'Answers a question on your requirement once, before its quote deadline: privately to the asker, or published to every supplier taking part without naming the asker.' })
  answerQuestion(@CurrentUser() actor: Principal, @Args('input') input: AnswerQuestionInput): Promise<ClarificationQuestionModel> {
    return this.questions.answer(actor, input);
  }

  @Roles(Role.OEM_BUYER, Role.SUPPLIER_ADMIN)
  @Query(() => ClarificationQuestionModel, { description: 'A question you may read: on your requirement, asked by your organisation, or published.' })
  clarificationQuestion(@CurrentUser() actor: Principal, @Args('id', { type: () => ID }, UuidPipe) id: string): Promise<ClarificationQuestionModel> {
    return this.questions.get(actor, id);
  }

  // Named to the buyer and the asker only: null wherever supplierId is (question-rules.ts, canSeeAsker). A name,
  // not the organisation object: a list of questions under a list of requirements would otherwise open every profile list below.
  @ResolveField(() => String, { nullable: true, description: 'The asking supplier\'s legal name: shown to the buyer and the asker only (as supplierId), null to everyone else.' })
  async askerName(@Parent() q: ClarificationQuestionModel, @Context() ctx: GraphQLRequestContext<OrganizationLoaders>): Promise<string | null> {
    return q.supplierId ? ((await ctx.loaders.organization.load(q.supplierId))?.legalName ?? null) : null;
  }

  @Roles(Role.OEM_BUYER, Role.SUPPLIER_ADMIN)
  @Query(() => [ClarificationQuestionModel], { description: 'The questions on a requirement that you may read, oldest first: all of them on your own requirement; as a supplier, yours and the published ones.' })
  clarificationQuestions(@CurrentUser() actor: Principal, @Args('requirementId', { type: () => ID }, UuidPipe) requirementId: string): Promise<ClarificationQuestionModel[]> {
    return this.questions.onRequirement(actor, requirementId);
  }
}

@Resolver(() => RequirementModel)
export class RequirementQuestionsResolver {
  // The rule of clarificationQuestions(requirementId), on a requirement the reader already reads.
  @ResolveField(() => [ClarificationQuestionModel], { description: 'The questions on this requirement you may read (as clarificationQuestions).' })
  questions(@Parent() r: RequirementModel, @Context() ctx: GraphQLRequestContext<QuestionLoaders>): Promise<ClarificationQuestionModel[]> {
    return ctx.loaders.requirementQuestions.load(r.id);
  }
}
