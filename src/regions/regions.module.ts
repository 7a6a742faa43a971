import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Region } from './region.entity.js';
import { RegionsService } from './regions.service.js';
import { RegionsResolver } from './regions.resolver.js';

@Module({
  imports: [TypeOrmModule.forFeature([Region])],
  providers: [RegionsService, RegionsResolver],
  exports: [RegionsService],
})
export class RegionsModule {}
