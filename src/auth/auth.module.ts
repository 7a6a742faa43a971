import { Module } from '@nestjs/common';
import { AuthService } from './auth.service.js';
import { AuthResolver } from './auth.resolver.js';
import { OrganizationsModule } from '../organizations/organizations.module.js';
import { RegionsModule } from '../regions/regions.module.js';

@Module({
  imports: [OrganizationsModule, RegionsModule],
  providers: [AuthService, AuthResolver],
  exports: [AuthService],
})
export class AuthModule {}
