import type DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { byKey } from '../common/loaders.js';
import { Region } from './region.entity.js';

/** Regions are reference data, readable by everyone (`regions` is public). */
export interface RegionLoaders {
  region: DataLoader<string, Region | null>;
}

export function createRegionLoaders(dataSource: DataSource): RegionLoaders {
  return { region: byKey(dataSource, Region, 'code') };
}
