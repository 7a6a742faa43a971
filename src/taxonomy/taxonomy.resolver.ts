import { Args, Query, Resolver } from '@nestjs/graphql';
import { CertificationTypeModel, PartCategoryModel } from './taxonomy.models.js';
import { TaxonomyService } from './taxonomy.service.js';
import { Public } from '../access/access.decorator.js';

@Resolver()
export class TaxonomyResolver {
  constructor(private readonly taxonomy: TaxonomyService) {}

  @Public()
  @Query(() => [PartCategoryModel], { description: 'The part taxonomy: all categories, or the children of `parent`.' })
  partCategories(@Args('parent', { type: () => String, nullable: true }) parent: string | null): Promise<PartCategoryModel[]> {
    return this.taxonomy.listCategories(parent ?? null);
  }

  @Public()
  @Query(() => [CertificationTypeModel])
  certificationTypes(): Promise<CertificationTypeModel[]> {
    return this.taxonomy.listCertificationTypes();
  }
}
