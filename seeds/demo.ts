import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SearchIndex } from '../src/search/search-index.port.js';
import { SearchSettings } from '../src/search/search-settings.js';
import { reindexAll } from '../src/search/reindex.js';
import { SCALES, type DemoLogin } from './market-rows.js';
import { seedMarket } from './seed-market.js';

export type { DemoLogin } from './market-rows.js';
export { DEMO_ADMIN_EMAIL } from './market-rows.js';

/** The seed `npm start` uses: the demo market is the same on every machine. */
export const DEMO_SEED = 42;

/**
 * `npm start`'s demo data: the generator (seeds/seed-market.ts) at demo scale — the
 * hand-picked organisations of seeds/demo-world.ts with their logins, generated OEMs and
 * suppliers, requirements and contracts — unless the database already has organisations;
 * then the search index is rebuilt so that search works at once. Returns the logins, or null
 * if skipped.
 */
export async function seedDemoIfEmpty(app: INestApplication): Promise<DemoLogin[] | null> {
  const dataSource = app.get(DataSource);
  const existing: { n: string }[] = await dataSource.query('SELECT count(*) AS n FROM organizations');
  if (Number(existing[0].n) > 0) return null;
  const report = await seedMarket(dataSource, { scale: SCALES.demo, seed: DEMO_SEED, enqueueForSearch: false });
  const index = app.get(SearchIndex);
  await reindexAll(dataSource, index, app.get(SearchSettings));
  return report.logins;
}
