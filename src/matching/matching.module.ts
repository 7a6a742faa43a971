import { Module } from '@nestjs/common';
import { MatchingService } from './matching.service.js';
import { MatchFactsRepository } from './match-facts.repository.js';
import { MatchingResolver, OpportunitiesResolver } from './matching.resolver.js';
import { RequirementsModule } from '../requirements/requirements.module.js';
import { SearchModule } from '../search/search.module.js';

@Module({
  imports: [RequirementsModule, SearchModule],
  providers: [MatchFactsRepository, MatchingService, MatchingResolver, OpportunitiesResolver],
  exports: [MatchingService],
})
export class MatchingModule {}
