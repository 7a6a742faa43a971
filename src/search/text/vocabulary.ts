import type { SynonymGroup, Vocabulary } from './analyzer.js';
import { normalizeText } from './analyzer.js';

export interface CategoryTerms {
  nameZh: string;
  nameEn: string;
  keywords: readonly string[];
}

/**
 * The vocabulary from the taxonomy and the synonym table: every category name and keyword is a
 * dictionary term, and each category's Chinese and English names are synonyms of each other.
 */
export function buildVocabulary(categories: readonly CategoryTerms[], synonyms: readonly SynonymGroup[]): Vocabulary {
  const terms = new Set<string>();
  const nameGroups: SynonymGroup[] = [];
  for (const category of categories) {
    terms.add(category.nameZh);
    terms.add(category.nameEn);
    for (const keyword of category.keywords) terms.add(keyword);
    nameGroups.push({ terms: [category.nameZh, category.nameEn], oneWay: false });
  }
  for (const group of synonyms) for (const term of group.terms) terms.add(term);
  return { terms: [...terms], synonyms: [...nameGroups, ...synonyms] };
}

/**
 * The same synonyms as Meilisearch wants them: each term (lower-cased) mapped to the terms it
 * also stands for. Equivalent groups map every member to the others; one-way groups only
 * their first term.
 */
export function synonymMap(groups: readonly SynonymGroup[]): Record<string, string[]> {
  const map = new Map<string, Set<string>>();
  for (const group of groups) {
    const terms = [...new Set(group.terms.map((t) => normalizeText(t).trim()).filter(Boolean))];
    const heads = group.oneWay ? terms.slice(0, 1) : terms;
    for (const head of heads) {
      const set = map.get(head) ?? new Set<string>();
      for (const term of terms) if (term !== head) set.add(term);
      map.set(head, set);
    }
  }
  const result: Record<string, string[]> = {};
  for (const key of [...map.keys()].sort()) {
    const values = [...(map.get(key) ?? [])].sort();
    if (values.length > 0) result[key] = values;
  }
  return result;
}
