import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PartCategory } from './part-category.entity.js';
import { CertificationType } from './certification-type.entity.js';
import { TaxonomyService } from './taxonomy.service.js';
import { TaxonomyResolver } from './taxonomy.resolver.js';

@Module({
  imports: [TypeOrmModule.forFeature([PartCategory, CertificationType])],
  providers: [TaxonomyService, TaxonomyResolver],
  exports: [TaxonomyService],
})
export class TaxonomyModule {}
