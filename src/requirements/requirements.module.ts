import { Module } from '@nestjs/common';
import { RequirementsService } from './requirements.service.js';
import { RequirementsResolver } from './requirements.resolver.js';

@Module({
  providers: [RequirementsService, RequirementsResolver],
  exports: [RequirementsService],
})
export class RequirementsModule {}
