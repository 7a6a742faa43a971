import type DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { byKey } from '../common/loaders.js';
import { PartCategory } from './part-category.entity.js';

/** The taxonomy is reference data, readable by everyone (`partCategories` is public). */
export interface TaxonomyLoaders {
  category: DataLoader<string, PartCategory | null>;
}

export function createTaxonomyLoaders(dataSource: DataSource): TaxonomyLoaders {
  return { category: byKey(dataSource, PartCategory, 'code') };
}
