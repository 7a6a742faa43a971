import { Module } from '@nestjs/common';
import { QuestionsService } from './questions.service.js';
import { QuestionsRepository } from './questions.repository.js';
import { QuestionsResolver, RequirementQuestionsResolver } from './questions.resolver.js';
import { RequirementsModule } from '../requirements/requirements.module.js';
import { MatchingModule } from '../matching/matching.module.js';

@Module({
  imports: [RequirementsModule, MatchingModule],
  providers: [QuestionsService, QuestionsRepository, QuestionsResolver, RequirementQuestionsResolver],
})
export class QuestionsModule {}
