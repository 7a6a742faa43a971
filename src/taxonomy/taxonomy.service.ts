import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { PartCategory } from './part-category.entity.js';
import { CertificationType } from './certification-type.entity.js';
import { LEVEL_SCHEMES } from './certification-levels.js';
import { AppError } from '../common/app-error.js';
import type { CertificationTypeModel } from './taxonomy.models.js';
import { LevelSchemeEnum } from './taxonomy.models.js';

@Injectable()
export class TaxonomyService {
  constructor(
    @InjectRepository(PartCategory) private readonly categories: Repository<PartCategory>,
    @InjectRepository(CertificationType) private readonly certificationTypes: Repository<CertificationType>,
  ) {}

  listCategories(parent: string | null): Promise<PartCategory[]> {
    return this.categories.find({
      where: parent === null ? {} : { parentCode: parent },
      order: { code: 'ASC' },
    });
  }

  async category(code: string, field = 'categoryCode'): Promise<PartCategory> {
    const category = await this.categories.findOneBy({ code });
    if (!category) throw AppError.badInput(field, `unknown part category ${code}`);
    return category;
  }

  async certificationType(code: string, field: string): Promise<CertificationType> {
    const type = await this.certificationTypes.findOneBy({ code });
    if (!type) throw AppError.badInput(field, `unknown certification type ${code}`);
    return type;
  }

  async listCertificationTypes(): Promise<CertificationTypeModel[]> {
    const types = await this.certificationTypes.find({ order: { code: 'ASC' } });
    return types.map((t) => ({ ...t, levelScheme: t.levelScheme as LevelSchemeEnum, levels: LEVEL_SCHEMES[t.levelScheme] }));
  }
}
