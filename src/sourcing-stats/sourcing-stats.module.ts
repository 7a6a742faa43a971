import { Module } from '@nestjs/common';
import { RegionsModule } from '../regions/regions.module.js';
import { SourcingStatsRepository } from './sourcing-stats.repository.js';
import { SourcingStatsService } from './sourcing-stats.service.js';
import { SourcingStatsResolver } from './sourcing-stats.resolver.js';
import { SourcingExportsService } from './sourcing-exports.service.js';
import { SourcingExportsController } from './sourcing-exports.controller.js';

/** Bureau analytics: local-sourcing rates, baselines and targets, demand gaps, drill-down, CSV exports. */
@Module({
  imports: [RegionsModule],
  controllers: [SourcingExportsController],
  providers: [SourcingStatsRepository, SourcingStatsService, SourcingStatsResolver, SourcingExportsService],
  exports: [SourcingStatsService],
})
export class SourcingStatsModule {}
