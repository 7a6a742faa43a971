/**
 * `npm run notifications:worker`: a notifications worker in a process of its own (the API
 * processes run one too; any number may run side by side). On the database DATABASE_URL names,
 * or the embedded one in DATA_DIR. `--once`: record the time-based events due, handle every
 * event and e-mail waiting, print what was done and exit; otherwise run until SIGTERM or SIGINT.
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/config.js';
import { runCli, withDatabase } from '../database/with-database.js';
import { dataSourceOptions } from '../database/data-source-options.js';
import { searchOptionsOf } from '../search/search.options.js';
import { createSearchIndex } from '../search/search.module.js';
import { SearchSettings } from '../search/search-settings.js';
import { MatchFactsRepository } from '../matching/match-facts.repository.js';
import { MatchingService } from '../matching/matching.service.js';
import { MatchIndexService } from '../matching/match-index.service.js';
import { MatchIndexRepository } from '../matching/match-index.repository.js';
import { createMailTransport } from './mail-transport.js';
import { createNotificationWorker } from './notifications.module.js';

async function main(): Promise<void> {
  const once = process.argv.includes('--once');
  const config = loadConfig();
  await withDatabase(config, async (url) => {
    const dataSource = new DataSource(dataSourceOptions(url, { extra: { max: 4 } }));
    await dataSource.initialize();
    const transport = createMailTransport(config.smtpUrl);
    try {
      const facts = new MatchFactsRepository(dataSource);
      const index = createSearchIndex(config, searchOptionsOf(config), dataSource);
      // The index's analyzer (vocabulary, synonyms) is set up as in the API processes: matching's text relevance needs it.
      await new SearchSettings(dataSource, index).ensureApplied();
      const worker = createNotificationWorker(dataSource, new MatchingService(facts, index, new MatchIndexService(new MatchIndexRepository(dataSource), facts, index)), transport, { ...config, notificationsIntervalMs: once ? 0 : Math.max(config.notificationsIntervalMs, 100) });
      if (once) {
        const due = await worker.recordDueEvents(true);
        const report = await worker.drain();
        console.log(`recorded ${due ?? 0} due event(s); handled ${report.events} event(s) (${report.failedEvents} failed), made ${report.notifications} notification(s), sent ${report.sent} e-mail(s) (${report.failedMails} failed) via ${transport.name}`);
        return;
      }
      worker.start();
      console.log(`notifications worker running (e-mail via ${transport.name}); stop with SIGTERM`);
      await new Promise<void>((resolve) => {
        process.once('SIGTERM', () => resolve());
        process.once('SIGINT', () => resolve());
      });
      await worker.stop();
    } finally {
      transport.close();
      await dataSource.destroy();
    }
  });
}

runCli('notifications worker', main);
