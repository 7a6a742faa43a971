import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthService } from './auth.service.js';
import { AuthResolver } from './auth.resolver.js';
import { AccessGuard } from './access.guard.js';
import { OrganizationsModule } from '../organizations/organizations.module.js';
import { RegionsModule } from '../regions/regions.module.js';

@Module({
  imports: [OrganizationsModule, RegionsModule],
  providers: [AuthService, AuthResolver, { provide: APP_GUARD, useClass: AccessGuard }],
  exports: [AuthService],
})
export class AuthModule {}
