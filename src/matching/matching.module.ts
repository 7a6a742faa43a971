import { Module } from '@nestjs/common';
import { MatchingService } from './matching.service.js';
import { MatchFactsRepository } from './match-facts.repository.js';
import { MatchIndexRepository } from './match-index.repository.js';
import { MatchIndexService } from './match-index.service.js';
import { MatchingResolver, OpportunitiesResolver } from './matching.resolver.js';
import { RequirementsModule } from '../requirements/requirements.module.js';
import { SearchModule } from '../search/search.module.js';

@Module({
  imports: [RequirementsModule, SearchModule],
  providers: [MatchFactsRepository, MatchIndexRepository, MatchIndexService, MatchingService, MatchingResolver, OpportunitiesResolver],
  exports: [MatchingService, MatchIndexService],
})
export class MatchingModule {}
