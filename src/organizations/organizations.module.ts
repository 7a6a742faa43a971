import { Module } from '@nestjs/common';
import { OrganizationsService } from './organizations.service.js';
import { OrganizationsResolver, SitesResolver } from './organizations.resolver.js';
import { RegionsModule } from '../regions/regions.module.js';

@Module({
  imports: [RegionsModule],
  providers: [OrganizationsService, OrganizationsResolver, SitesResolver],
  exports: [OrganizationsService],
})
export class OrganizationsModule {}
