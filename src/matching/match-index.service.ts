import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { MatchFactsRepository } from './match-facts.repository.js';
import { MatchIndex, TextPacker, type IndexStats } from './match-index.js';
import { MatchIndexRepository } from './match-index.repository.js';
import { looseText, maskedText, parseTsvector, type MaskedText } from './match-text.js';
import { OpenRequirements, type OpenRequirement } from './open-requirements.js';
import { SearchIndex } from '../search/search-index.port.js';

/** How often each process reads the change feed. */
export const MATCH_FEED_POLL_MS = 200;
/** A missing sequence number (a transaction still open, or rolled back) is waited for this long, then passed. */
export const MATCH_FEED_GAP_WAIT_MS = 10_000;
const FEED_BATCH = 5_000;
/** The overlay is folded into a rebuild past this many organisations, or this share of the base. */
const OVERLAY_REBUILD_MIN = 5_000;
const OVERLAY_REBUILD_SHARE = 0.05;

export interface BuildFigures extends IndexStats {
  buildMs: number;
}

/**
 * This process's match index: built from PostgreSQL when the application starts, then kept
 * fresh from the change feed (`match_changes`, written by triggers in the writing transaction)
 * every MATCH_FEED_POLL_MS: the organisations named there are reloaded with the reference
 * query (`MatchFactsRepository.supplierFacts`) and replace their entries.
 *
 * Sequence numbers are handed out before commit, so a number can appear after a higher one
 * was read (a transaction still committing) or never (rolled back). The reader keeps its
 * position below the first missing number, applies what it finds above it (re-applying is
 * harmless), and passes a number still missing after MATCH_FEED_GAP_WAIT_MS.
 */
@Injectable()
export class MatchIndexService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(MatchIndexService.name);
  private current: MatchIndex | null = null;
  private open: OpenRequirements | null = null;
  private building: Promise<MatchIndex> | null = null;
  private position = 0;
  private readonly appliedAbove = new Set<number>();
  private gapSince: number | null = null;
  private timer?: NodeJS.Timeout;
  private polling: Promise<void> | null = null;
  private queued: Promise<void> | null = null;
  private stopped = false;
  private rebuilding = false;
  private lastPrune = 0;
  figures: BuildFigures | null = null;
  /** Bumped on every applied change of an organisation: caches keyed on the index's content compare it. */
  generation = 0;

  constructor(
    private readonly rows: MatchIndexRepository,
    private readonly facts: MatchFactsRepository,
    private readonly search: SearchIndex,
  ) {}

  /** Supplier search text is held (and text relevance computed in process) with the PostgreSQL search adapter, whose rows it reads. */
  private get withText(): boolean {
    return this.search.backend === 'postgres';
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.index();
    this.timer = setInterval(() => void this.refresh().catch((error: Error) => this.logger.warn(`Reading the match change feed failed: ${error.message}`)), MATCH_FEED_POLL_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.polling?.catch(() => undefined);
  }

  /** Forgets the index (the next use builds it again): for the benchmark's memory figure. */
  drop(): void {
    if (!this.rebuilding) this.current = null;
  }

  /** The index, up to date with every change committed before the call. */
  async fresh(): Promise<MatchIndex> {
    const index = await this.index();
    await this.refresh();
    return index;
  }

  /** The OPEN requirements of the index `fresh()` returned (built and fed with it, so as fresh). */
  requirements(): OpenRequirements {
    if (!this.open) throw new Error('the match index is not built');
    return this.open;
  }

  /** The index, built on first use if the application has not built it yet. */
  index(): Promise<MatchIndex> {
    if (this.current) return Promise.resolve(this.current);
    this.building ??= this.build().finally(() => (this.building = null));
    return this.building;
  }

  /**
   * Builds the index from the tables (the feed position is read first: later changes are
   * replayed). The feed is not read while a build runs; rankings keep using the previous index.
   */
  async build(): Promise<MatchIndex> {
    this.rebuilding = true;
    try {
      await this.polling?.catch(() => undefined);
      return await this.load();
    } finally {
      this.rebuilding = false;
    }
  }

  private async load(): Promise<MatchIndex> {
    const started = performance.now();
    const position = await this.rows.lastChange();
    // Read side by side (the server works while this process parses); texts are packed as their chunks arrive.
    const texts = this.withText ? new TextPacker() : null;
    const [organizations, sites, capabilities, certifications, openRows] = await Promise.all([
      this.rows.organizations(),
      this.rows.sites(),
      this.rows.capabilities(),
      this.rows.certifications(),
      this.facts.openRequirements(),
      texts ? this.rows.packTexts(texts) : null,
    ]);
    const open = new OpenRequirements(openRows.map(openRequirement));
    const index = new MatchIndex(organizations, sites, capabilities, certifications, texts);
    this.current = index;
    this.open = open;
    this.position = position;
    this.appliedAbove.clear();
    this.gapSince = null;
    this.generation += 1;
    this.figures = { ...index.stats(), buildMs: performance.now() - started };
    return index;
  }

  /**
   * Reads the feed and applies it, in a read that starts after this call: every change
   * committed before the call is in the index when it resolves. Matching calls it before each
   * ranking (one indexed query when nothing changed), so a process reads its own writes; the
   * timer brings the changes of other processes in between. Concurrent callers share one read.
   */
  refresh(): Promise<void> {
    if (this.stopped || this.rebuilding || !this.current) return Promise.resolve();
    if (this.queued) return this.queued;
    const prior = this.polling ?? Promise.resolve();
    const run = prior
      .catch(() => undefined)
      .then(() => {
        this.queued = null;
        const poll = this.poll();
        this.polling = poll;
        return poll.finally(() => {
          if (this.polling === poll) this.polling = null;
        });
      });
    this.queued = run;
    return run;
  }

  private async poll(): Promise<void> {
    const index = this.current;
    if (!index) return;
    const open = this.open;
    const rows = await this.rows.changesAfter(this.position, FEED_BATCH);
    const fresh = rows.map((r) => ({ seq: Number(r.seq), organizationId: r.organization_id, requirementId: r.requirement_id })).filter((r) => !this.appliedAbove.has(r.seq));
    if (fresh.length > 0) {
      const ids = [...new Set(fresh.flatMap((r) => (r.organizationId ? [r.organizationId] : [])))];
      const requirementIds = [...new Set(fresh.flatMap((r) => (r.requirementId ? [r.requirementId] : [])))];
      if (ids.length > 0) {
        const loaded = await this.facts.supplierFacts(null, ids);
        const byId = new Map(loaded.map((f) => [f.supplierId, f]));
        const texts = index.hasText ? new Map((await this.rows.textsOf(ids)).map((t) => [t.id, t])) : null;
        for (const id of ids) {
          const text = texts?.get(id);
          index.replace(id, byId.get(id) ?? null, texts ? (text ? looseText(text.lexemes, text.strong.map((lexeme, i) => ({ lexeme, mask: text.masks[i] }))) : null) : undefined);
        }
      }
      // Requirements named, and those delivered to a changed organisation's plants; those named and not read are no longer OPEN.
      if (open) {
        const reloaded = await this.facts.openRequirements({ ids: requirementIds, deliveringForOrganizations: ids });
        for (const id of requirementIds) open.replace(id, null);
        for (const row of reloaded) open.replace(row.requirement.facts.id, openRequirement(row));
      }
      for (const r of fresh) this.appliedAbove.add(r.seq);
      // The suppliers' side changed: cached candidate passes are stale (requirements are not in them).
      if (ids.length > 0) this.generation += 1;
    }
    if (index !== this.current) return;
    this.advance(rows.length > 0 ? Number(rows[rows.length - 1].seq) : this.position);
    // A large overlay (a bulk import) is folded into a fresh build, in the background.
    const { overlay, organizations } = index.stats();
    if (overlay > Math.max(OVERLAY_REBUILD_MIN, organizations * OVERLAY_REBUILD_SHARE) && !this.rebuilding) {
      void this.build().catch((error: Error) => this.logger.warn(`Rebuilding the match index failed: ${error.message}`));
    }
    if (Date.now() - this.lastPrune > 3_600_000) {
      this.lastPrune = Date.now();
      await this.rows.pruneChanges();
    }
  }

  /** Moves the position over every applied number, and over a gap older than MATCH_FEED_GAP_WAIT_MS. */
  private advance(highest: number): void {
    for (;;) {
      while (this.appliedAbove.has(this.position + 1)) {
        this.appliedAbove.delete(this.position + 1);
        this.position += 1;
      }
      if (this.appliedAbove.size === 0 || highest <= this.position) {
        this.gapSince = null;
        return;
      }
      this.gapSince ??= Date.now();
      if (Date.now() - this.gapSince < MATCH_FEED_GAP_WAIT_MS) return;
      // Passed: the missing numbers belong to transactions that rolled back (or never end).
      this.position = Math.min(...this.appliedAbove) - 1;
      this.gapSince = null;
    }
  }
}

function openRequirement(row: { requirement: { facts: OpenRequirement['facts']; overrides: OpenRequirement['overrides'] }; text: { lexemes: string; strong: string } | null }): OpenRequirement {
  let text: MaskedText | null = null;
  if (row.text) {
    const strong = parseTsvector(row.text.strong);
    text = maskedText(looseText(parseTsvector(row.text.lexemes).lexemes, strong.lexemes.map((lexeme, i) => ({ lexeme, mask: strong.masks[i] }))));
  }
  return { facts: row.requirement.facts, overrides: row.requirement.overrides, text };
}
