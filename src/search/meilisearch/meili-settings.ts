/**
 * What the Meilisearch indexes are set up with, and how a live configuration is compared
 * with it: pure functions over plain settings objects.
 */
import type { Settings } from 'meilisearch';
import type { SearchIndexName, SettingsDrift } from '../search-index.port.js';
import { MAX_SEARCH_DEPTH } from '../search-index.port.js';
import type { Vocabulary } from '../text/analyzer.js';
import { normalizeText } from '../text/analyzer.js';
import { synonymMap } from '../text/vocabulary.js';

const HAN = /\p{Script=Han}/u;

/** Fields searched, strongest first (Meilisearch ranks earlier attributes higher). */
const SEARCHABLE: Record<SearchIndexName, string[]> = {
  suppliers: ['name', 'nameEn', 'categoryNames', 'products', 'parentCategoryNames', 'descriptions', 'specs', 'certificationNames', 'certificationTypes'],
  requirements: ['title', 'categoryNames', 'parentCategoryNames', 'description', 'specs'],
};

const FILTERABLE: Record<SearchIndexName, string[]> = {
  suppliers: ['id', 'categoryPaths', 'certificationTypes', 'certificationKeys', 'regionCodes', 'provinceCodes', 'cityCodes', 'designations', 'verified', '_geo'],
  requirements: ['id', 'categoryPaths', 'regionCodes', 'provinceCodes', 'cityCodes', 'status', 'organizationId', '_geo'],
};

const SORTABLE: Record<SearchIndexName, string[]> = {
  suppliers: ['id', 'verified', '_geo'],
  requirements: ['id', 'sopDate', '_geo'],
};

/**
 * Relevance first (matched words, typos, proximity, attribute order, exactness), then the
 * request's sort as the tie-break (nearest the searcher, verified, id): the PostgreSQL
 * adapter's order.
 */
const RANKING_RULES = ['words', 'typo', 'proximity', 'attribute', 'exactness', 'sort'];

/** One typo from four letters on; never two (the PostgreSQL adapter forgives one edit). 255 is the setting's ceiling. */
export const TYPO_SIZES = { oneTypo: 4, twoTypos: 255 };

/** Chinese is segmented as Mandarin (not Japanese); English words as English. */
const LOCALIZED: Record<SearchIndexName, { attributePatterns: string[]; locales: string[] }[]> = {
  suppliers: [
    { attributePatterns: ['name', 'categoryNames', 'products', 'parentCategoryNames', 'descriptions', 'specs', 'certificationNames'], locales: ['cmn', 'eng'] },
    { attributePatterns: ['nameEn'], locales: ['eng'] },
  ],
  requirements: [{ attributePatterns: ['title', 'categoryNames', 'parentCategoryNames', 'description', 'specs'], locales: ['cmn', 'eng'] }],
};

/** The query locales sent with every search. */
export const QUERY_LOCALES = ['cmn', 'eng'];

export function desiredSettings(index: SearchIndexName, vocabulary: Vocabulary): Settings {
  return {
    searchableAttributes: SEARCHABLE[index],
    filterableAttributes: FILTERABLE[index],
    sortableAttributes: SORTABLE[index],
    rankingRules: RANKING_RULES,
    localizedAttributes: LOCALIZED[index],
    synonyms: synonymMap(vocabulary.synonyms),
    // Han dictionary terms stay whole in Meilisearch's segmentation (线控制动, not 线控|制动).
    dictionary: [...new Set(vocabulary.terms.map((t) => normalizeText(t).trim()).filter((t) => HAN.test(t)))].sort(),
    // Four-letter words tolerate a typo (brak → brake); Meilisearch's default starts at five.
    typoTolerance: { enabled: true, minWordSizeForTypos: TYPO_SIZES },
    pagination: { maxTotalHits: MAX_SEARCH_DEPTH },
    faceting: { maxValuesPerFacet: 1000 },
  };
}

type Comparable = string[] | Record<string, unknown> | null | undefined;

function asSet(values: unknown): string[] {
  return Array.isArray(values) ? values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).sort() : [];
}

function normalizeSynonyms(value: unknown): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  if (value && typeof value === 'object') {
    for (const [key, list] of Object.entries(value as Record<string, unknown>)) result[key] = asSet(list);
  }
  return result;
}

function normalizeLocalized(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value
    .map((rule: { attributePatterns?: string[]; locales?: string[] }) => `${asSet(rule.attributePatterns).join(',')}=${asSet(rule.locales).join(',')}`)
    .sort();
}

/** Each setting the application manages, in a form where equal means equivalent. */
function comparable(settings: Settings): Record<string, Comparable> {
  return {
    searchableAttributes: settings.searchableAttributes ?? null,
    filterableAttributes: asSet(settings.filterableAttributes),
    sortableAttributes: asSet(settings.sortableAttributes),
    rankingRules: settings.rankingRules ?? null,
    localizedAttributes: normalizeLocalized(settings.localizedAttributes),
    synonyms: normalizeSynonyms(settings.synonyms),
    dictionary: asSet(settings.dictionary),
    typoTolerance: {
      oneTypo: settings.typoTolerance?.minWordSizeForTypos?.oneTypo ?? null,
      twoTypos: settings.typoTolerance?.minWordSizeForTypos?.twoTypos ?? null,
    },
    pagination: { maxTotalHits: settings.pagination?.maxTotalHits ?? null },
    faceting: { maxValuesPerFacet: settings.faceting?.maxValuesPerFacet ?? null },
  };
}

/** The managed settings where `actual` differs from `expected`. */
export function settingsDrift(index: SearchIndexName, expected: Settings, actual: Settings): SettingsDrift[] {
  const want = comparable(expected);
  const have = comparable(actual);
  return Object.keys(want)
    .filter((key) => JSON.stringify(want[key]) !== JSON.stringify(have[key]))
    .map((setting) => ({ index, setting, expected: want[setting], actual: have[setting] }));
}
