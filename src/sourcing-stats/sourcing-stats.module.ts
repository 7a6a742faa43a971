import { Module } from '@nestjs/common';
import { RegionsModule } from '../regions/regions.module.js';
import { SourcingStatsRepository } from './sourcing-stats.repository.js';
import { SourcingStatsService } from './sourcing-stats.service.js';
import { SourcingStatsResolver } from './sourcing-stats.resolver.js';
import { SourcingExportsService } from './sourcing-exports.service.js';
import { SourcingExportsController } from './sourcing-exports.controller.js';
import { ReportPdfController } from './report-pdf.controller.js';
import { ReportPdfService } from './report-pdf.service.js';
import { SourcingLeversRepository } from './sourcing-levers.repository.js';
import { SourcingPlanService } from './sourcing-plan.service.js';
import { SourcingPlanResolver } from './sourcing-plan.resolver.js';

/** Bureau analytics: local-sourcing rates, baselines and targets, demand gaps, drill-down, CSV exports; levers, scenarios and pace. */
@Module({
  imports: [RegionsModule],
  controllers: [SourcingExportsController, ReportPdfController],
  providers: [ReportPdfService, SourcingStatsRepository, SourcingStatsService, SourcingStatsResolver, SourcingExportsService, SourcingLeversRepository, SourcingPlanService, SourcingPlanResolver],
  exports: [SourcingStatsService, SourcingPlanService],
})
export class SourcingStatsModule {}
