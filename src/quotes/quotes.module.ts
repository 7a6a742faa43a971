import { Module } from '@nestjs/common';
import { QuotesService } from './quotes.service.js';
import { QuoteInvitationsResolver, QuotesResolver } from './quotes.resolver.js';
import { MatchingModule } from '../matching/matching.module.js';

@Module({
  imports: [MatchingModule],
  providers: [QuotesService, QuotesResolver, QuoteInvitationsResolver],
})
export class QuotesModule {}
