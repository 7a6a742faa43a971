import { createHash } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { SearchIndex, SettingsDrift } from './search-index.port.js';
import type { SynonymGroup, Vocabulary } from './text/analyzer.js';
import { buildVocabulary, type CategoryTerms } from './text/vocabulary.js';

/** How long a process trusts its copy of the vocabulary before looking for changes. */
const REFRESH_MS = 30_000;

/**
 * Keeps the index's settings in line with the database's vocabulary (taxonomy names and
 * keywords, synonym groups). Each process checks at most every 30 s, and at once after a
 * local change; the settings are re-applied only when the vocabulary changed. A failure
 * (Meilisearch down) propagates: the search or indexer batch that needed it fails and retries.
 *
 * The vocabulary's fingerprint is also kept in the database (`search_state`): when it
 * changes and the backend indexes documents with the vocabulary (PostgreSQL), every document
 * is queued for re-indexing through the outbox, once, by whichever process notices first.
 */
export class SearchSettings {
  private readonly logger = new Logger('SearchSettings');
  private appliedFingerprint: string | null = null;
  private checkedAt = 0;
  private inFlight: Promise<void> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly index: SearchIndex,
  ) {}

  async loadVocabulary(): Promise<Vocabulary> {
    const categories: CategoryTerms[] = await this.dataSource.query(`SELECT name_zh AS "nameZh", name_en AS "nameEn", keywords FROM part_categories ORDER BY code`);
    const synonyms: SynonymGroup[] = await this.dataSource.query(`SELECT terms, one_way AS "oneWay" FROM search_synonyms ORDER BY created_at, id`);
    return buildVocabulary(categories, synonyms);
  }

  /** Applies the settings if this process has not yet, or the vocabulary changed since. */
  ensureApplied(force = false): Promise<void> {
    if (!force && this.appliedFingerprint !== null && Date.now() - this.checkedAt < REFRESH_MS) return Promise.resolve();
    if (!force && this.inFlight) return this.inFlight;
    const run = (this.inFlight ?? Promise.resolve()).catch(() => undefined).then(() => this.refresh(force));
    this.inFlight = run;
    run.then(
      () => this.settle(run),
      () => this.settle(run),
    );
    return run;
  }

  private settle(run: Promise<void>): void {
    if (this.inFlight === run) this.inFlight = null;
  }

  private async refresh(force: boolean): Promise<void> {
    const vocabulary = await this.loadVocabulary();
    const fingerprint = createHash('sha256').update(JSON.stringify(vocabulary)).digest('hex');
    if (force || fingerprint !== this.appliedFingerprint) {
      await this.index.applySettings(vocabulary);
      if (this.appliedFingerprint !== null) this.logger.log(`search settings re-applied (${this.index.backend})`);
      this.appliedFingerprint = fingerprint;
      await this.recordVocabulary(fingerprint);
    }
    this.checkedAt = Date.now();
  }

  /** Stores the fingerprint; a change from the stored one queues every document for re-indexing. */
  private async recordVocabulary(fingerprint: string): Promise<void> {
    const queued = await this.dataSource.transaction(async (manager) => {
      await manager.query(`INSERT INTO search_state (name, value) VALUES ('vocabulary', $1) ON CONFLICT (name) DO NOTHING`, [fingerprint]);
      const [row]: { value: string }[] = await manager.query(`SELECT value FROM search_state WHERE name = 'vocabulary' FOR UPDATE`);
      if (row.value === fingerprint) return 0;
      await manager.query(`UPDATE search_state SET value = $1, updated_at = now() WHERE name = 'vocabulary'`, [fingerprint]);
      if (!this.index.vocabularyInDocuments) return 0;
      const [inserted]: { n: number }[] = await manager.query(
        `WITH queued AS (
           INSERT INTO outbox (entity_type, entity_id)
           SELECT 'Organization', id::text FROM organizations WHERE kind = 'SUPPLIER' UNION ALL SELECT 'Requirement', id::text FROM requirements
           RETURNING 1)
         SELECT count(*)::int AS n FROM queued`,
      );
      return inserted.n;
    });
    if (queued > 0) this.logger.log(`the search vocabulary changed: ${queued} document(s) queued for re-indexing`);
  }

  /** Applies the settings at start-up, reporting any drift found first; logs rather than throws. */
  async startUp(): Promise<void> {
    try {
      const drift = await this.drift();
      if (drift.length > 0) {
        this.logger.warn(`search index settings drifted (${drift.map((d) => `${d.index}.${d.setting}`).join(', ')}): re-applying`);
      }
      await this.ensureApplied(true);
    } catch (error) {
      this.logger.error(`could not apply the ${this.index.backend} search settings (the indexer retries): ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  async drift(): Promise<SettingsDrift[]> {
    return this.index.checkSettings(await this.loadVocabulary());
  }
}
