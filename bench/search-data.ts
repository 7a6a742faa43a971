/**
 * Synthetic but plausible supplier profiles for the search benchmark: categories and
 * keywords from the taxonomy, Chinese and English descriptions built from them and from
 * manufacturing processes, plants in real GB/T 2260 counties (mostly Zhejiang, some in the
 * Yangtze River Delta), certifications fitting the category, a few designations. Seeded, so
 * every run indexes the same documents. All names are invented.
 */
import { buildSupplierDocument, type CategoryRef, type SupplierDocument, type SupplierRows } from '../src/search/documents.js';
import { CERTIFICATION_TYPES, flattenTaxonomy, type CategoryRow } from '../src/taxonomy/taxonomy.data.js';

/** mulberry32: a small seeded PRNG. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface County {
  code: string;
  name: string;
  lat: number;
  lon: number;
}

const WORDS_ZH = ['恒远', '华宇', '精工', '立德', '宏达', '瑞丰', '博远', '中科', '天成', '东方', '金峰', '汇通', '星驰', '智行', '卓越', '海川', '凯盛', '鼎力', '永信', '新锐'];
const WORDS_PINYIN = ['Hengyuan', 'Huayu', 'Jinggong', 'Lide', 'Hongda', 'Ruifeng', 'Boyuan', 'Zhongke', 'Tiancheng', 'Dongfang', 'Jinfeng', 'Huitong', 'Xingchi', 'Zhixing', 'Zhuoyue', 'Haichuan', 'Kaisheng', 'Dingli', 'Yongxin', 'Xinrui'];
const SUFFIX_ZH = ['汽车零部件有限公司', '科技股份有限公司', '电子有限公司', '精密制造有限公司', '汽车系统有限公司'];
const SUFFIX_EN = ['Auto Parts Co., Ltd.', 'Technology Co., Ltd.', 'Electronics Co., Ltd.', 'Precision Manufacturing Co., Ltd.', 'Automotive Systems Co., Ltd.'];
const PROCESSES: [string, string][] = [
  ['铝合金压铸', 'aluminium die casting'],
  ['精密冲压', 'precision stamping'],
  ['注塑成型', 'injection moulding'],
  ['数控机加工', 'CNC machining'],
  ['激光焊接', 'laser welding'],
  ['SMT 贴片', 'SMT assembly'],
  ['自动化总装', 'automated final assembly'],
  ['精密锻造', 'precision forging'],
  ['热处理', 'heat treatment'],
  ['晶圆封测', 'wafer packaging and test'],
];
const OEMS = ['吉利', '零跑', '极氪', '上汽大众', '长安福特', '哪吒', '比亚迪', '蔚来'];
const SEGMENTS = ['passenger car', 'SUV', 'commercial vehicle', 'new-energy vehicle', 'premium EV'];
const HAN = /\p{Script=Han}/u;

function pick<T>(rng: () => number, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)];
}

function pickSome<T>(rng: () => number, items: readonly T[], count: number): T[] {
  const pool = [...items];
  const chosen: T[] = [];
  while (chosen.length < count && pool.length > 0) chosen.push(pool.splice(Math.floor(rng() * pool.length), 1)[0]);
  return chosen;
}

/** The certifications a supplier in this category plausibly holds. */
function certificationsFor(rng: () => number, category: string): SupplierRows['certifications'] {
  const scheme = new Map(CERTIFICATION_TYPES.map((t) => [t.code, t.levelScheme]));
  const certs: SupplierRows['certifications'] = [];
  const add = (typeCode: string, level: string | null) => certs.push({ typeCode, level, levelScheme: scheme.get(typeCode) ?? 'HELD' });
  if (rng() < 0.75) add('IATF_16949', null);
  if (rng() < 0.3) add('ISO_14001', null);
  if (category.startsWith('CHASSIS') && rng() < 0.6) add('ISO_26262', pick(rng, ['B', 'C', 'D', 'D']));
  if (category.startsWith('COCKPIT') && rng() < 0.5) add('ISO_26262', pick(rng, ['QM', 'A', 'B']));
  if (category.startsWith('CHIP')) {
    if (rng() < 0.7) add(category === 'CHIP.POWER' ? 'AEC_Q101' : 'AEC_Q100', pick(rng, ['3', '2', '1', '0']));
    if (rng() < 0.3) add('ISO_26262', pick(rng, ['B', 'C', 'D']));
  }
  if ((category === 'COCKPIT.IVI' || category === 'V2X' || category === 'COCKPIT.DOMAIN_CONTROLLER') && rng() < 0.5) add('ISO_SAE_21434', null);
  if ((category.includes('DOMAIN_CONTROLLER') || category === 'AD_COMPUTE') && rng() < 0.6) add('ASPICE', pick(rng, ['1', '2', '3']));
  if (category === 'COCKPIT.SEATS' && rng() < 0.7) add('CCC', null);
  return certs;
}

function description(rng: () => number, category: CategoryRow): string {
  const zhKeywords = category.keywords.filter((k) => HAN.test(k));
  const enKeywords = category.keywords.filter((k) => !HAN.test(k));
  const [processZh, processEn] = pick(rng, PROCESSES);
  const zh = zhKeywords.length ? pickSome(rng, zhKeywords, 2).join('、') : category.nameZh;
  const en = enKeywords.length ? pickSome(rng, enKeywords, 2).join(' and ') : category.nameEn.toLowerCase();
  const capacity = 5 + Math.floor(rng() * 95);
  switch (Math.floor(rng() * 3)) {
    case 0:
      return `专业从事${category.nameZh}研发与制造，主要产品为${zh}，具备${processZh}能力，年产能${capacity}万套，配套${pick(rng, OEMS)}等主机厂。`;
    case 1:
      return `Supplier of ${en} for ${pick(rng, SEGMENTS)} platforms, with in-house ${processEn}; annual capacity ${capacity}0,000 units.`;
    default:
      return `${category.nameZh}（${category.nameEn}）：${zh}；${processZh} / ${processEn}，为${pick(rng, OEMS)}批量供货。`;
  }
}

export interface GeneratorContext {
  counties: County[];
  neighbourCounties: County[];
}

/** `count` supplier documents, built by the same builder the indexer uses. */
export function generateSuppliers(count: number, seed: number, context: GeneratorContext): SupplierDocument[] {
  const rng = seededRandom(seed);
  const taxonomy = flattenTaxonomy();
  const categories = new Map<string, CategoryRef>(taxonomy.map((c) => [c.code, c]));
  const leaves = taxonomy.filter((c) => !taxonomy.some((d) => d.parentCode === c.code));
  const documents: SupplierDocument[] = [];
  for (let i = 0; i < count; i++) {
    const home = rng() < 0.85 ? pick(rng, context.counties) : pick(rng, context.neighbourCounties);
    const wordIndex = Math.floor(rng() * WORDS_ZH.length);
    const suffixIndex = Math.floor(rng() * SUFFIX_ZH.length);
    const chosen = pickSome(rng, leaves, 1 + Math.floor(rng() * 3));
    const plants = [home, ...(rng() < 0.3 ? [pick(rng, context.counties)] : [])];
    const id = uuidFrom(rng);
    const rows: SupplierRows = {
      organization: {
        id,
        legalName: `${home.name.replace(/[区县市]$/, '')}${WORDS_ZH[wordIndex]}${SUFFIX_ZH[suffixIndex]}(示例${i})`,
        nameEn: rng() < 0.5 ? `${WORDS_PINYIN[wordIndex]} ${SUFFIX_EN[suffixIndex]} (example ${i})` : null,
        designations: rng() < 0.01 ? ['SINGLE_CHAMPION'] : rng() < 0.04 ? ['LITTLE_GIANT', 'SPECIALIZED_SME'] : rng() < 0.12 ? ['SPECIALIZED_SME'] : [],
        verified: rng() < 0.8,
      },
      capabilities: chosen.map((category) => ({
        categoryCode: category.code,
        description: description(rng, category),
        products: pickSome(rng, category.keywords, 1 + Math.floor(rng() * 2)),
        specs: rng() < 0.5 ? [{ key: '工作温度', value: pick(rng, ['-40~85°C', '-40~105°C', '-40~125°C']) }] : [],
      })),
      certifications: chosen.flatMap((category) => certificationsFor(rng, category.code)),
      sites: plants.map((county, p) => ({ id: uuidFrom(rng), name: `${county.name}工厂${p + 1}`, regionCode: county.code, lat: county.lat + (rng() - 0.5) / 10, lon: county.lon + (rng() - 0.5) / 10 })),
    };
    documents.push(buildSupplierDocument(rows, categories));
  }
  return documents;
}

function uuidFrom(rng: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(rng() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${((parseInt(hex[16], 16) & 3) | 8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
