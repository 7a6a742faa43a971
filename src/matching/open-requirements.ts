/**
 * The OPEN requirements held in this process, for the mirror ranking (requirements for a
 * supplier, `MatchingService.opportunitiesForSupplier`): each one's facts, weight overrides
 * and search text, listed by category code. Built with the match index and kept fresh by the
 * same change feed (match-index.service.ts). No Nest, no SQL.
 */
import type { WeightOverrides } from '../requirements/requirement.entity.js';
import type { RequirementFacts } from './match-facts.js';
import type { MaskedText } from './match-text.js';

export interface OpenRequirement {
  facts: RequirementFacts;
  overrides: WeightOverrides | null;
  /** Its search row's lexemes (null: no search row, so no text relevance). */
  text: MaskedText | null;
}

export class OpenRequirements {
  private readonly byId = new Map<string, OpenRequirement>();
  private readonly byCategory = new Map<string, Set<OpenRequirement>>();
  /** Per lexeme, how many requirements' texts have it. */
  private readonly lexemeCounts = new Map<string, number>();
  constructor(requirements: readonly OpenRequirement[] = []) {
    for (const r of requirements) this.replace(r.facts.id, r);
  }

  /** Bumped on every change: caches of what was computed from the requirements compare it. */
  version = 0;

  get size(): number {
    return this.byId.size;
  }

  /** Sets a requirement's current state; null: no longer OPEN (or gone). */
  replace(id: string, requirement: OpenRequirement | null): void {
    const before = this.byId.get(id);
    this.version += 1;
    if (before) {
      this.byCategory.get(before.facts.categoryCode)?.delete(before);
      this.byId.delete(id);
      for (const lexeme of before.text?.masks.keys() ?? []) {
        const count = this.lexemeCounts.get(lexeme)! - 1;
        if (count === 0) this.lexemeCounts.delete(lexeme);
        else this.lexemeCounts.set(lexeme, count);
      }
    }
    if (!requirement) return;
    this.byId.set(id, requirement);
    let list = this.byCategory.get(requirement.facts.categoryCode);
    if (!list) {
      list = new Set();
      this.byCategory.set(requirement.facts.categoryCode, list);
    }
    list.add(requirement);
    for (const lexeme of requirement.text?.masks.keys() ?? []) this.lexemeCounts.set(lexeme, (this.lexemeCounts.get(lexeme) ?? 0) + 1);
  }

  /** Whether some requirement's text may have this query lexeme (a prefix always may): an alternative needing one that none has matches nowhere. */
  mayHave(lexeme: { value: string; prefix: boolean }): boolean {
    return lexeme.prefix || this.lexemeCounts.has(lexeme.value);
  }

  /** OPEN requirements whose category is one of `codes`. */
  inCategories(codes: Iterable<string>): OpenRequirement[] {
    const out: OpenRequirement[] = [];
    for (const code of codes) for (const r of this.byCategory.get(code) ?? []) out.push(r);
    return out;
  }
}
