/**
 * The judged relevance set of the search benchmark: queries as buyers type them (category and
 * focus-area names, products, typos, Chinese, English and mixed, certification specs), each
 * with a judge that grades a supplier document from the generator's ground truth — the
 * categories, products and certificates the generator chose for it, never its text:
 *
 *   2  holds the category the query names (or one under it), or lists the product named
 *   1  holds a category whose taxonomy keywords include the product named (its description
 *      and products are drawn from those keywords)
 *   0  anything else
 *
 * Metrics per query: recall@50 = relevant documents in the first 50 hits / min(relevant, 50)
 * (capped, since a category query has thousands of relevant documents at 100k); nDCG@10 with
 * gain 2^grade − 1 against the ideal order of every judged document.
 */
import type { SupplierDocument } from '../src/search/documents.js';
import type { SearchIndex } from '../src/search/search-index.port.js';
import { flattenTaxonomy } from '../src/taxonomy/taxonomy.data.js';
import { normalizeText } from '../src/search/text/analyzer.js';

export type QueryClass = 'category' | 'product' | 'typo' | 'mixed' | 'spec';

export interface JudgedQuery {
  text: string;
  kind: QueryClass;
  judge: (doc: SupplierDocument) => number;
}

const TAXONOMY = flattenTaxonomy();

const inSubtree = (doc: SupplierDocument, code: string) => doc.categoryCodes.some((c) => c === code || c.startsWith(`${code}.`));

/** A category query: 2 for every holder of the category or one under it. */
function category(code: string): (doc: SupplierDocument) => number {
  return (doc) => (inSubtree(doc, code) ? 2 : 0);
}

/** A product or keyword: 2 when listed as a product, 1 when a held category has it among its keywords. */
function product(...terms: string[]): (doc: SupplierDocument) => number {
  const wanted = new Set(terms.map(normalizeText));
  const categories = new Set(TAXONOMY.filter((c) => c.keywords.some((k) => wanted.has(normalizeText(k)))).map((c) => c.code));
  return (doc) => (doc.products.some((p) => wanted.has(normalizeText(p))) ? 2 : doc.categoryCodes.some((c) => categories.has(c)) ? 1 : 0);
}

/** Both judges must grade the document (a query with two concepts): the lower grade. */
function both(a: (doc: SupplierDocument) => number, b: (doc: SupplierDocument) => number): (doc: SupplierDocument) => number {
  return (doc) => Math.min(a(doc), b(doc));
}

/** A certification at exactly this rank as the best held (the text names one level). */
function certification(type: string, rank: number): (doc: SupplierDocument) => number {
  return (doc) => (doc.certificationKeys.includes(`${type}:${rank}`) && !doc.certificationKeys.includes(`${type}:${rank + 1}`) ? 2 : 0);
}

export const JUDGED_QUERIES: JudgedQuery[] = [
  // Category and focus-area names, Chinese and English.
  { text: '线控底盘', kind: 'category', judge: category('CHASSIS') },
  { text: 'By-wire chassis', kind: 'category', judge: category('CHASSIS') },
  { text: '车规级芯片', kind: 'category', judge: category('CHIP') },
  { text: 'automotive-grade chip', kind: 'category', judge: category('CHIP') },
  { text: '智能座舱', kind: 'category', judge: category('COCKPIT') },
  { text: 'smart cockpit', kind: 'category', judge: category('COCKPIT') },
  { text: '线控制动', kind: 'category', judge: category('CHASSIS.BRAKE_BY_WIRE') },
  { text: 'Brake-by-wire', kind: 'category', judge: category('CHASSIS.BRAKE_BY_WIRE') },
  { text: '线控转向', kind: 'category', judge: category('CHASSIS.STEER_BY_WIRE') },
  { text: 'steer-by-wire', kind: 'category', judge: category('CHASSIS.STEER_BY_WIRE') },
  { text: '热管理', kind: 'category', judge: category('THERMAL') },
  { text: 'thermal management', kind: 'category', judge: category('THERMAL') },
  { text: '智能座椅', kind: 'category', judge: category('COCKPIT.SEATS') },
  { text: '功率芯片', kind: 'category', judge: category('CHIP.POWER') },
  { text: 'power semiconductors', kind: 'category', judge: category('CHIP.POWER') },
  { text: '智能感知', kind: 'category', judge: category('PERCEPTION') },
  { text: '车路协同', kind: 'category', judge: category('V2X') },
  { text: '三电', kind: 'category', judge: category('EDRIVE') },
  // Products and keywords.
  { text: 'EHB', kind: 'product', judge: product('EHB') },
  { text: '激光雷达', kind: 'product', judge: product('激光雷达', 'lidar') },
  { text: 'lidar', kind: 'product', judge: product('lidar', '激光雷达') },
  { text: 'IGBT', kind: 'product', judge: product('IGBT') },
  { text: '碳化硅', kind: 'product', judge: product('碳化硅', 'SiC') },
  { text: '热泵', kind: 'product', judge: product('热泵', 'heat pump') },
  { text: 'heat pump', kind: 'product', judge: product('heat pump', '热泵') },
  { text: 'MCU', kind: 'product', judge: product('MCU', '微控制器', 'microcontroller') },
  { text: '域控制器', kind: 'product', judge: product('域控制器', '域控', 'domain controller') },
  { text: '空气悬架', kind: 'product', judge: product('空气悬架', 'air suspension') },
  { text: '摄像头', kind: 'product', judge: product('摄像头', 'camera') },
  // Typos: one edit in English, a near-miss in Chinese.
  { text: 'seet', kind: 'typo', judge: product('seat', '座椅') },
  { text: 'brak-by-wire', kind: 'typo', judge: category('CHASSIS.BRAKE_BY_WIRE') },
  { text: 'lidr', kind: 'typo', judge: product('lidar', '激光雷达') },
  { text: 'thermel management', kind: 'typo', judge: category('THERMAL') },
  { text: 'controler', kind: 'typo', judge: product('domain controller', '域控制器') },
  { text: '智能坐舱', kind: 'typo', judge: category('COCKPIT') },
  // Several words, Chinese, English and mixed.
  { text: '线控制动 EHB', kind: 'mixed', judge: both(category('CHASSIS.BRAKE_BY_WIRE'), product('EHB')) },
  { text: '智能座舱 domain controller', kind: 'mixed', judge: category('COCKPIT.DOMAIN_CONTROLLER') },
  { text: 'SiC 功率模块', kind: 'mixed', judge: category('CHIP.POWER') },
  { text: 'lidar 激光雷达', kind: 'mixed', judge: product('lidar', '激光雷达') },
  { text: 'air suspension damper', kind: 'mixed', judge: category('CHASSIS.SUSPENSION') },
  { text: '线控底盘 域控制器', kind: 'mixed', judge: category('CHASSIS.DOMAIN_CONTROLLER') },
  // Certification specs.
  { text: 'ASIL D', kind: 'spec', judge: certification('ISO_26262', 4) },
  { text: 'AEC-Q100 Grade 1', kind: 'spec', judge: certification('AEC_Q100', 2) },
  { text: 'IATF 16949', kind: 'spec', judge: certification('IATF_16949', 0) },
];

export interface QueryScore {
  query: JudgedQuery;
  relevant: number;
  recall50: number;
  ndcg10: number;
}

function dcg(gains: readonly number[]): number {
  return gains.slice(0, 10).reduce((sum, grade, i) => sum + (2 ** grade - 1) / Math.log2(i + 2), 0);
}

/** Runs every judged query on `index` (suppliers, first 50 hits) and scores it against `documents`. */
export async function evaluate(index: SearchIndex, documents: readonly SupplierDocument[]): Promise<QueryScore[]> {
  const byId = new Map(documents.map((d) => [d.id, d]));
  const scores: QueryScore[] = [];
  for (const query of JUDGED_QUERIES) {
    const grades = documents.map((d) => query.judge(d)).filter((g) => g > 0);
    const result = await index.search('suppliers', { text: query.text, filter: {}, offset: 0, limit: 50, facets: [] });
    const found = result.hits.map((h) => {
      const doc = byId.get(h.id);
      return doc ? query.judge(doc) : 0;
    });
    const ideal = dcg([...grades].sort((a, b) => b - a));
    scores.push({
      query,
      relevant: grades.length,
      recall50: grades.length === 0 ? 1 : found.filter((g) => g > 0).length / Math.min(grades.length, 50),
      ndcg10: ideal === 0 ? 1 : dcg(found) / ideal,
    });
  }
  return scores;
}

const mean = (values: readonly number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0);

/** A Markdown table: per query class, mean recall@50 and nDCG@10; then every query. */
export function judgedTable(title: string, scores: readonly QueryScore[]): string {
  const classes: QueryClass[] = ['category', 'product', 'typo', 'mixed', 'spec'];
  const lines = [`#### ${title}`, '', '| class | queries | recall@50 | nDCG@10 |', '|---|---:|---:|---:|'];
  for (const kind of classes) {
    const of = scores.filter((s) => s.query.kind === kind);
    lines.push(`| ${kind} | ${of.length} | ${mean(of.map((s) => s.recall50)).toFixed(3)} | ${mean(of.map((s) => s.ndcg10)).toFixed(3)} |`);
  }
  lines.push(`| **all** | ${scores.length} | **${mean(scores.map((s) => s.recall50)).toFixed(3)}** | **${mean(scores.map((s) => s.ndcg10)).toFixed(3)}** |`);
  lines.push('', '<details><summary>per query</summary>', '', '| query | class | relevant | recall@50 | nDCG@10 |', '|---|---|---:|---:|---:|');
  for (const s of scores) lines.push(`| ${s.query.text} | ${s.query.kind} | ${s.relevant} | ${s.recall50.toFixed(3)} | ${s.ndcg10.toFixed(3)} |`);
  lines.push('', '</details>');
  return lines.join('\n');
}
