import { Module } from '@nestjs/common';
import { ContractsRepository } from './contracts.repository.js';
import { AwardService } from './award.service.js';
import { ContractsService } from './contracts.service.js';
import { RecordedContractsService } from './recorded-contracts.service.js';
import { ContractImportService } from './import/contract-import.service.js';
import { ContractImportController } from './import/contract-import.controller.js';
import { OcdsService } from './ocds/ocds.service.js';
import { ContractsResolver } from './contracts.resolver.js';
import { RequirementsModule } from '../requirements/requirements.module.js';
import { OrganizationsModule } from '../organizations/organizations.module.js';
import { RegionsModule } from '../regions/regions.module.js';
import { MatchingModule } from '../matching/matching.module.js';

@Module({
  imports: [RequirementsModule, OrganizationsModule, RegionsModule, MatchingModule],
  controllers: [ContractImportController],
  providers: [ContractsRepository, AwardService, ContractsService, RecordedContractsService, ContractImportService, OcdsService, ContractsResolver],
})
export class ContractsModule {}
