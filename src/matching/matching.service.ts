import { Injectable } from '@nestjs/common';
import { Decimal } from 'decimal.js';
import { AppError } from '../common/app-error.js';
import { decodeCursor, toConnection, type Connection } from '../common/pagination.js';
import { todayInChina } from '../common/local-date.scalar.js';
import { Role, type Principal } from '../access/role.js';
import { SearchIndex, relevanceOfUnits, type PreparedRelevance } from '../search/search-index.port.js';
import { awardImpact, trailingYearQuarters, type ImpactBasis, type RateBasis } from '../locality/local-rate.js';
import { provinceOf } from '../locality/region-codes.js';
import { MatchFactsRepository, type LoadedRequirement } from './match-facts.repository.js';
import { rankMatches, scoreMatch, SupplierScorer, type MatchScore } from './match-scoring.js';
import { CompiledText, type MaskedText } from './match-text.js';
import type { OpenRequirement, OpenRequirements } from './open-requirements.js';
import type { SupplierFacts } from './match-facts.js';
import { isProvinciallyLocal } from '../locality/locality-tier.js';
import { resolveWeights, type MatchWeights } from '../requirements/match-weights.js';
import type { WeightOverrides } from '../requirements/requirement.entity.js';
import type { EntityManager } from 'typeorm';
import { hardFilterFailures, plantQualificationFailures, type HardFilterFailure } from './qualification.js';
import { MatchIndexService } from './match-index.service.js';
import { FIRST_BATCH_MARGIN, sortedBounds, topKMatches, type Bound, type TextUnits, type TopKResult } from './match-top-k.js';
import type { CandidateValues, MatchIndex } from './match-index.js';

/** Candidate passes kept per process (the locality cache per delivery place and category, requirement facts included). */
const CANDIDATE_CACHE_SIZE = 64;
/** Bound orders kept per cached candidate pass (one per weights asked). */
const BOUND_ORDERS_KEPT = 4;

/** A supplier offering from one of its plants, to be judged by the qualification rule. */
export interface QuotingPlant {
  supplierId: string;
  siteId: string;
}

/** A scored supplier with the local-sourcing impact of awarding it this requirement. */
export interface Match extends MatchScore {
  supplierName: string;
  siteId: string | null;
  /** Percentage points of the rate named by impactBasis, 2 decimals (awardImpact, locality/local-rate.ts). */
  impactPp: Decimal;
  impactBasis: ImpactBasis;
}

interface OpportunityBound {
  requirement: OpenRequirement;
  weights: MatchWeights;
  bound: number;
  id: string;
  /** Text relevance computed in process; null: asked from the search port when visited. */
  relevance: number | null;
}

export interface Opportunity extends MatchScore {
  requirementId: string;
  siteId: string | null;
}

/** Where the time of one ranking went, for the benchmark. */
export interface RankTimings {
  candidateSqlMs: number;
  factsSqlMs: number;
  relevanceMs: number;
  scoringMs: number;
}

/**
 * Ranks suppliers for a requirement, local first, and requirements for a supplier, with the
 * same pure scorer. Hard filters run in SQL (candidates); only candidates are scored.
 */
@Injectable()
export class MatchingService {
  private readonly candidateCache = new Map<string, { generation: number; values: CandidateValues; text?: { key: string; units: TextUnits }; bounds?: Map<string, Bound[]> }>();
  /** Per supplier, its opportunities' bounds, while the index, the OPEN requirements and the profile text's concepts stay the same. */
  private readonly opportunityCache = new Map<string, { key: string; bounds: { bounds: OpportunityBound[]; exact: boolean } }>();
  /** Resolved weights of the OPEN requirements held by the match index (an entry is replaced when its requirement changes). */
  private readonly openWeights = new WeakMap<OpenRequirement, MatchWeights>();
  /** Suppliers beyond the page in the first batch of text relevance (match-top-k.ts); the property test lowers it to exercise the early stop. */
  batchMargin = FIRST_BATCH_MARGIN;
  /**
   * Text relevance computed in process from the index's lexemes (match-text.ts), exactly as the
   * search adapter's SQL computes it, so the ranking reads no rows; false: the in-process value
   * only bounds, and the search port gives the relevance of the suppliers visited.
   */
  textInProcess = true;

  constructor(
    private readonly facts: MatchFactsRepository,
    private readonly search: SearchIndex,
    private readonly matchIndex: MatchIndexService,
  ) {}

  /** One page of the ranking, from the match index by the early-stopping walk (same answers as `rank`). */
  async matchesForRequirement(actor: Principal, requirementId: string, weights: WeightOverrides | null, first: number, after: string | null | undefined): Promise<Connection<Match>> {
    const requirement = await this.ownRequirement(actor, requirementId);
    const cursor = decodeCursor(after, 2);
    const { page, total } = await this.rankPage(requirement, weights, first, cursor ? { score: Number(cursor[0]), supplierId: String(cursor[1]) } : null);
    return toConnection(page, first, total, (m) => [m.score, m.supplierId]);
  }

  /**
   * The fast path: up to `first + 1` matches after the cursor, and the number of eligible
   * suppliers. Facts from the match index; text relevance from the index's lexemes with the
   * concepts the search port states (its lexicon corrections read once per call), or from the
   * search port for the suppliers visited only (Meilisearch, or `textInProcess` off); impact
   * for the page only.
   */
  async rankPage(requirement: LoadedRequirement, weights: WeightOverrides | null, first: number, cursor: { score: number; supplierId: string } | null): Promise<{ page: Match[]; total: number; visited: number }> {
    const resolved = this.weightsFor(requirement, weights);
    // The impact basis does not depend on the index: read it while the index catches up and ranks.
    const bases = this.impactBases(requirement);
    bases.catch(() => undefined);
    const text = searchText(requirement);
    const preparing = this.search.prepareRelevance('suppliers', text);
    preparing.catch(() => undefined);
    const index = await this.matchIndex.fresh();
    const prepared = await preparing;
    const req = requirement.facts;
    const key = JSON.stringify([req.categoryCode, req.delivery, req.sopDate, req.annualVolume, req.requiredCertifications, req.specs]);
    let cached = this.candidateCache.get(key);
    if (!cached || cached.generation !== this.matchIndex.generation) {
      cached = { generation: this.matchIndex.generation, values: index.candidates(req, (f) => hardFilterFailures(req, f).length === 0) };
      this.candidateCache.delete(key);
      if (this.candidateCache.size >= CANDIDATE_CACHE_SIZE) this.candidateCache.delete(this.candidateCache.keys().next().value as string);
    } else {
      this.candidateCache.delete(key);
    }
    this.candidateCache.set(key, cached);
    // The concepts' worth per candidate, kept with the candidates while the concepts (lexicon corrections included) stay the same.
    let units: TextUnits | null = null;
    if (prepared.concepts && index.hasText) {
      if (cached.text?.key !== prepared.key) {
        cached.text = { key: prepared.key, units: textUnits(index, prepared, cached.values) };
        cached.bounds = undefined;
      }
      units = { ...cached.text.units, exact: this.textInProcess };
    }
    // The candidates in bound order, kept per weights while the candidates and text worths stay the same.
    cached.bounds ??= new Map();
    const boundsKey = JSON.stringify([resolved, units !== null]);
    let bounds = cached.bounds.get(boundsKey);
    if (!bounds) {
      bounds = sortedBounds(index, req, resolved, cached.values, units);
      if (cached.bounds.size >= BOUND_ORDERS_KEPT) cached.bounds.delete(cached.bounds.keys().next().value as string);
      cached.bounds.set(boundsKey, bounds);
    }
    // With relevance in process the bounds are the scores (and a hair), so the first batch needs no margin.
    const margin = units?.exact ? Math.min(0, this.batchMargin) : this.batchMargin;
    const result: TopKResult = await topKMatches(index, req, resolved, first, cursor, (ids) => this.search.relevanceFor('suppliers', prepared, ids), cached.values, margin, units, bounds);
    const basis = await bases;
    const page = result.matches.map(({ score, facts }) => ({ ...score, siteId: score.site?.id ?? null, supplierName: facts.name, ...impact(basis, requirement.annualValue, score) }));
    return { page, total: result.total, visited: result.visited };
  }

  /** The breakdown for any supplier, and when it fails a hard filter, which and why. */
  async explainMatch(actor: Principal, requirementId: string, supplierId: string, weights: WeightOverrides | null = null): Promise<Match> {
    const requirement = await this.ownRequirement(actor, requirementId);
    const resolved = this.weightsFor(requirement, weights);
    const supplier = (await this.matchIndex.fresh()).facts(supplierId, requirement.facts);
    if (!supplier) throw AppError.notFound('Supplier');
    supplier.textRelevance = (await this.relevance(searchText(requirement), [supplierId])).get(supplierId) ?? 0;
    const score = scoreMatch(requirement.facts, supplier, resolved);
    const bases = await this.impactBases(requirement);
    return { ...score, siteId: score.site?.id ?? null, supplierName: supplier.name, ...impact(bases, requirement.annualValue, score) };
  }

  /**
   * OPEN requirements ranked for the calling supplier, with the same scorer and breakdown; the
   * supplier's facts and the OPEN requirements from the match index. Every OPEN requirement of
   * the supplier's categories gets an upper bound of its score without reasons or roundings
   * (`SupplierScorer`), at its text relevance computed in process from the requirement's search
   * text when the search port states its concepts (the PostgreSQL adapter), else at relevance
   * 1. Then the same walk as `topKMatches`: best bound first, the exact score and breakdown by
   * `scoreMatch` (relevance asked from the search port where not computed), until the page (and
   * one more) is known and the next bound cannot beat it.
   */
  async opportunitiesForSupplier(actor: Principal, first: number, after: string | null | undefined): Promise<Connection<Opportunity>> {
    const supplierId = actor.organizationId;
    const cursorParts = decodeCursor(after, 2);
    const cursor = cursorParts ? { score: Number(cursorParts[0]), id: String(cursorParts[1]) } : null;
    // The profile text's concepts are read while the index catches up; asked again if the profile changed meanwhile.
    const stale = (await this.matchIndex.index()).facts(supplierId, null);
    const early = stale ? this.search.prepareRelevance('requirements', profileText(stale)) : null;
    early?.catch(() => undefined);
    const supplier = (await this.matchIndex.fresh()).facts(supplierId, null);
    const open = this.matchIndex.requirements();
    if (!supplier) return toConnection([], first, 0, (m: Opportunity) => [m.score, m.requirementId]);
    const text = profileText(supplier);
    const prepared = early && stale && profileText(stale) === text ? await early : await this.search.prepareRelevance('requirements', text);
    const key = JSON.stringify([this.matchIndex.generation, open.version, prepared.key, this.textInProcess]);
    let cached = this.opportunityCache.get(supplierId);
    this.opportunityCache.delete(supplierId);
    if (cached?.key !== key) cached = { key, bounds: this.opportunityBounds(supplier, open, prepared) };
    if (this.opportunityCache.size >= CANDIDATE_CACHE_SIZE) this.opportunityCache.delete(this.opportunityCache.keys().next().value as string);
    this.opportunityCache.set(supplierId, cached);
    const { bounds, exact } = cached.bounds;
    const before = (score: number, id: string, otherScore: number, otherId: string) => score > otherScore || (score === otherScore && id < otherId);
    const need = first + 1;
    const kept: Opportunity[] = [];
    let next = 0;
    // With relevance in process the bounds are within a rounding of the scores, so the first batch needs no margin.
    let batch = need + (exact ? Math.min(0, this.batchMargin) : this.batchMargin);
    while (next < bounds.length) {
      if (kept.length >= need && before(kept[need - 1].score, kept[need - 1].requirementId, bounds[next].bound, bounds[next].id)) break;
      const slice = bounds.slice(next, next + Math.max(1, batch));
      next += slice.length;
      batch *= 2;
      // The supplier's profile text against each requirement of the batch, where not computed in process.
      const unknown = slice.filter((b) => b.relevance === null).map((b) => b.id);
      const looked = unknown.length > 0 ? await this.search.relevanceFor('requirements', prepared, unknown) : new Map<string, number>();
      for (const { requirement, weights, relevance, id } of slice) {
        const score = scoreMatch(requirement.facts, { ...supplier, textRelevance: relevance ?? looked.get(id) ?? 0 }, weights);
        if (!score.eligible) continue;
        if (cursor && !before(cursor.score, cursor.id, score.score, id)) continue;
        kept.push({ ...score, siteId: score.site?.id ?? null, requirementId: id });
      }
      kept.sort((a, b) => b.score - a.score || (a.requirementId < b.requirementId ? -1 : a.requirementId > b.requirementId ? 1 : 0));
      if (kept.length > need) kept.length = need;
    }
    return toConnection(kept, first, bounds.length, (m) => [m.score, m.requirementId]);
  }

  /**
   * Every OPEN requirement of the supplier's categories that it qualifies for, with an upper
   * bound of its score (`SupplierScorer`) and its text relevance when computed in process
   * (`exact`), best bound first (ties by requirement id).
   */
  private opportunityBounds(supplier: SupplierFacts, open: OpenRequirements, prepared: PreparedRelevance): { bounds: OpportunityBound[]; exact: boolean } {
    // The requirement's category is one of the supplier's capability categories (with a plant) or an ancestor of one.
    const categories = new Set<string>();
    for (const c of supplier.capabilities) {
      if (c.siteIds.length === 0) continue;
      const parts = c.categoryCode.split('.');
      for (let i = 1; i <= parts.length; i += 1) categories.add(parts.slice(0, i).join('.'));
    }
    // Alternatives needing a lexeme no requirement has are left out: they match nowhere (the concepts still count).
    const concepts = prepared.concepts?.map((c) => ({ ...c, alternatives: c.alternatives.filter((alt) => alt.every((l) => open.mayHave(l))) }));
    const compiled = concepts && this.textInProcess ? new CompiledText(concepts, []) : null;
    const scorer = new SupplierScorer(supplier);
    // Few distinct worths recur over many requirements: each one's relevance (exact decimal arithmetic) once.
    const relevances = new Map<number, number>();
    const relevanceOf = (text: MaskedText | null) => {
      const units = text ? compiled!.unitsOfMasked(text) : 0;
      let relevance = relevances.get(units);
      if (relevance === undefined) {
        relevance = relevanceOfUnits(units, compiled!.count);
        relevances.set(units, relevance);
      }
      return relevance;
    };
    const bounds: OpportunityBound[] = [];
    for (const requirement of open.inCategories(categories)) {
      let weights = this.openWeights.get(requirement);
      if (!weights) {
        weights = this.weightsFor(requirement, null);
        this.openWeights.set(requirement, weights);
      }
      let relevance: number | null = null;
      const bound = scorer.bound(requirement.facts, weights, () => (relevance = compiled ? relevanceOf(requirement.text) : 1));
      if (bound !== null) bounds.push({ requirement, weights, bound, id: requirement.facts.id, relevance: compiled ? relevance : null });
    }
    bounds.sort((a, b) => b.bound - a.bound || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return { bounds, exact: compiled !== null };
  }

  /**
   * The reference ranking: candidates and facts read from the tables, every candidate's text
   * relevance and full score (`rankMatches`). The fast path (`rankPage`) must return what this
   * returns; test/match-index.e2e-spec.ts compares them, the benchmark times both.
   */
  async rank(requirement: LoadedRequirement, weights: WeightOverrides | null): Promise<{ matches: Match[]; timings: RankTimings }> {
    const resolved = this.weightsFor(requirement, weights);
    const t0 = performance.now();
    const ids = await this.facts.candidateSupplierIds(requirement.facts);
    const t1 = performance.now();
    const [suppliers, bases] = await Promise.all([this.facts.supplierFacts(requirement.facts, ids), this.impactBases(requirement)]);
    const t2 = performance.now();
    const relevance = ids.length > 0 ? await this.relevance(searchText(requirement), ids) : new Map<string, number>();
    const t3 = performance.now();
    for (const supplier of suppliers) supplier.textRelevance = relevance.get(supplier.supplierId) ?? 0;
    const names = new Map(suppliers.map((s) => [s.supplierId, s.name]));
    const matches = rankMatches(requirement.facts, suppliers, resolved).map((m) => ({ ...m, siteId: m.site?.id ?? null, supplierName: names.get(m.supplierId) ?? '', ...impact(bases, requirement.annualValue, m) }));
    const t4 = performance.now();
    return { matches, timings: { candidateSqlMs: t1 - t0, factsSqlMs: t2 - t1, relevanceMs: t3 - t2, scoringMs: t4 - t3 } };
  }

  /**
   * The qualification rule (`plantQualificationFailures`, on the requirement's SOP date) for each
   * supplier and plant, in the order given, read inside the caller's transaction: the quote and
   * award gates decide on these. No access check: the callers have made theirs. A fixed number
   * of queries, whatever the number of plants.
   */
  async plantQualifications(manager: EntityManager, requirementId: string, plants: readonly QuotingPlant[]): Promise<HardFilterFailure[][]> {
    const facts = this.facts.in(manager);
    const requirement = await facts.requirement(requirementId);
    if (!requirement) throw AppError.notFound('Requirement');
    const suppliers = await facts.supplierFacts(requirement.facts, [...new Set(plants.map((p) => p.supplierId))]);
    const byId = new Map(suppliers.map((s) => [s.supplierId, s]));
    return plants.map((plant) => {
      const supplier = byId.get(plant.supplierId);
      if (!supplier) throw AppError.notFound('Supplier');
      return plantQualificationFailures(requirement.facts, supplier, plant.siteId);
    });
  }

  async loadRequirement(id: string): Promise<LoadedRequirement> {
    const requirement = await this.facts.requirement(id);
    if (!requirement) throw AppError.notFound('Requirement');
    return requirement;
  }

  /** Matches are the buyer's working material: its own organisation's requirement, or a platform admin. */
  private async ownRequirement(actor: Principal, id: string): Promise<LoadedRequirement> {
    const requirement = await this.facts.requirement(id);
    const visible = requirement && (actor.role === Role.PLATFORM_ADMIN || requirement.organizationId === actor.organizationId);
    if (!requirement || !visible) throw AppError.notFound('Requirement');
    return requirement;
  }

  private weightsFor(requirement: Pick<LoadedRequirement, 'overrides'>, overrides: WeightOverrides | null): MatchWeights {
    const resolved = resolveWeights(overrides ?? requirement.overrides ?? {});
    if (!resolved.ok) throw AppError.invalid(resolved.problems.map((p) => ({ field: p.field, message: p.message })));
    return resolved.weights;
  }

  /** Text relevance of suppliers to a requirement's text: one call of the search port, by both paths. */
  private relevance(text: string, ids: readonly string[]): Promise<Map<string, number>> {
    return this.search.relevance('suppliers', text, ids);
  }

  /**
   * What an award's impact is measured against (awardImpact): the buyer's and the province's
   * purchasing for plants in the delivery plant's province over the trailing year (this
   * quarter and the three before, China time), from the rollups. Nothing without a region code.
   */
  private impactBases(requirement: LoadedRequirement): Promise<{ buyer: RateBasis; province: RateBasis }> {
    const region = requirement.facts.delivery.regionCode;
    const none = { local: new Decimal(0), total: new Decimal(0) };
    if (!region) return Promise.resolve({ buyer: none, province: none });
    const { from, to } = trailingYearQuarters(todayInChina());
    return this.facts.impactBases(requirement.organizationId, provinceOf(region), from, to);
  }

  /**
   * The buyer's provincial local-sourcing basis that an award's impact is measured against: its
   * contracts signed this calendar year (China time) for plants in the delivery plant's
   * province. Nothing for a delivery plant without a region code. Matching's impact and the
   * quote comparison both read it here.
   */
  buyerProvincialBasis(buyerOrganizationId: string, deliveryRegionCode: string | null): Promise<RateBasis> {
    if (!deliveryRegionCode) return Promise.resolve({ local: new Decimal(0), total: new Decimal(0) });
    return this.facts.buyerProvincialBasis(buyerOrganizationId, provinceOf(deliveryRegionCode), Number(todayInChina().slice(0, 4)));
  }
}

/** Each candidate's concepts' worth, from the index's lexemes (-1 / null where unknown). */
function textUnits(index: MatchIndex, prepared: PreparedRelevance, values: CandidateValues): TextUnits {
  const concepts = prepared.concepts ?? [];
  const compiled = index.compile(concepts);
  const units = new Int32Array(values.ordinals.length).fill(-1);
  if (compiled) for (let i = 0; i < units.length; i += 1) units[i] = index.units(compiled, values.ordinals[i]);
  const overlayUnits = values.overlay.map((f) => (compiled ? index.unitsOf(compiled, f.supplierId) : null));
  return { units, overlayUnits, concepts: concepts.length, exact: false };
}

function profileText(supplier: SupplierFacts): string {
  return [supplier.name, ...supplier.capabilities.map((c) => c.categoryCode)].join(' ');
}

function searchText(requirement: LoadedRequirement): string {
  return `${requirement.title} ${requirement.description}`.trim();
}

/** pp change of the buyer's (else the province's) provincial rate if this requirement's annual value went to the match's plant. */
function impact(bases: { buyer: RateBasis; province: RateBasis }, annualValue: Decimal, match: MatchScore): { impactPp: Decimal; impactBasis: ImpactBasis } {
  const { impactPp, basis } = awardImpact(bases.buyer, bases.province, annualValue, isProvinciallyLocal(match.tier));
  return { impactPp, impactBasis: basis };
}
