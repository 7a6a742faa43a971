/**
 * The shape of the generated market: where suppliers and OEM plants are, what they make,
 * which certificates they hold, what parts cost. Static data only; the builders in
 * market-rows.ts draw from it. Places and public facts follow docs/domain.md (OEM plants
 * at the real sites in Hangzhou Bay, Qiantang, Jinhua, Linhai, Changxing, Tongxiang, Beilun …;
 * supplier clusters in Ningbo, Hangzhou, Taizhou, Wenzhou, Jiaxing …); the weights are the
 * generator's own assumptions for plausible demo and benchmark data, not statistics.
 */

/** Every date in the data is placed relative to this day (not the clock), so a seed always gives the same rows. */
export const DEFAULT_REFERENCE_DATE = '2026-11-01';

/** Contracts are signed from the first of this year up to the day before the reference date. */
export const FIRST_CONTRACT_YEAR = 2024;

export type LocationGroup = 'ZJ' | 'SH' | 'JS' | 'AH' | 'CN' | 'ABROAD';

/** Province-level areas of the groups in China. */
export const GROUP_PROVINCE: Record<Exclude<LocationGroup, 'CN' | 'ABROAD'>, string> = { ZJ: '330000', SH: '310000', JS: '320000', AH: '340000' };

/**
 * Where a supplier's head plant is, by the area it mainly works in. Chips lean to Shanghai and
 * Jiangsu (the province's named gap), perception and AD compute to Shanghai, Shenzhen and
 * Beijing; the rest is mostly in Zhejiang.
 */
export const GROUP_WEIGHTS: Record<'DEFAULT' | 'CHIP' | 'SMART', Record<LocationGroup, number>> = {
  DEFAULT: { ZJ: 70, SH: 7, JS: 10, AH: 5, CN: 6.5, ABROAD: 1.5 },
  CHIP: { ZJ: 42, SH: 22, JS: 15, AH: 6, CN: 10, ABROAD: 5 },
  SMART: { ZJ: 52, SH: 17, JS: 9, AH: 4, CN: 15, ABROAD: 3 },
};

/** Cities (or municipalities) of each group in China, with their share of the group's suppliers. */
export const GROUP_CITIES: Record<Exclude<LocationGroup, 'ABROAD'>, readonly (readonly [string, number])[]> = {
  ZJ: [
    ['330200', 21], ['330100', 18], ['331000', 12], ['330300', 10], ['330400', 10], ['330600', 7.5],
    ['330500', 6], ['330700', 7.5], ['330800', 2], ['330900', 1.5], ['331100', 2.5],
  ],
  SH: [['310000', 1]],
  JS: [['320500', 40], ['320200', 16], ['320400', 15], ['320100', 10], ['320600', 8], ['320900', 4], ['321000', 3], ['321100', 2], ['321200', 2]],
  AH: [['340100', 45], ['340200', 30], ['341100', 9], ['340500', 6], ['341800', 6], ['340800', 4]],
  CN: [
    ['440300', 14], ['440100', 12], ['420100', 9], ['500000', 8], ['510100', 7], ['110000', 9], ['120000', 5], ['220100', 6],
    ['370200', 5], ['370100', 3], ['350200', 4], ['350100', 3], ['430100', 4], ['610100', 4], ['410100', 3], ['360100', 2], ['210200', 2], ['450200', 2],
  ],
};

/**
 * County weights inside a city where the auto industry clusters (the rest weigh 1): Beilun,
 * Yinzhou, Cixi, Yuyao in Ningbo; Xiaoshan and Qiantang in Hangzhou; Yuhuan, Wenling, Luqiao
 * in Taizhou; Rui'an and Yueqing in Wenzhou; Jiading and Pudong in Shanghai; Kunshan in Suzhou.
 */
export const COUNTY_WEIGHTS: Readonly<Record<string, number>> = {
  '330206': 5, '330212': 4, '330282': 4, '330281': 3.5, '330211': 2.5, '330213': 2, '330226': 1.5, '330205': 1.5, '330203': 0.8, '330225': 1,
  '330109': 5, '330114': 4, '330110': 2.5, '330108': 2.5, '330113': 2, '330111': 1.5, '330112': 1, '330106': 0.8, '330102': 0.4, '330105': 0.5, '330122': 0.6, '330127': 0.2, '330182': 0.5,
  '331083': 4, '331081': 4, '331004': 3, '331003': 2.5, '331002': 2, '331082': 2.5, '331023': 2, '331022': 0.8, '331024': 0.8,
  '330381': 5, '330382': 4, '330303': 2.5, '330304': 2, '330302': 1, '330383': 1, '330305': 0.3, '330328': 0.3, '330329': 0.3,
  '330402': 2.5, '330411': 2, '330421': 2.5, '330482': 2.5, '330481': 2, '330424': 1.5, '330483': 2.5,
  '330521': 2.5, '330522': 2.5, '330502': 1.5, '330503': 1.5, '330523': 1,
  '330603': 2.5, '330604': 2.5, '330602': 1.5, '330681': 2, '330683': 1, '330624': 1.5,
  '330703': 2.5, '330782': 2.5, '330784': 3, '330783': 2, '330702': 1.5, '330727': 0.3,
  '310114': 6, '310115': 5, '310117': 2.5, '310112': 2.5, '310118': 1.5, '310113': 1.2, '310120': 1.2, '310116': 1, '310151': 0.2,
  '320583': 4, '320509': 2, '320581': 2, '320505': 2.5, '320506': 1.5, '320585': 2, '320582': 1.5,
};

/** Abroad: illustrative plant towns (approximate city centres, WGS-84) of foreign suppliers. */
export const FOREIGN_PLACES: readonly { country: string; city: string; lat: number; lon: number; weight: number }[] = [
  { country: 'DE', city: 'Stuttgart', lat: 48.7758, lon: 9.1829, weight: 4 },
  { country: 'DE', city: 'Regensburg', lat: 49.0134, lon: 12.1016, weight: 2 },
  { country: 'DE', city: 'Dresden', lat: 51.0504, lon: 13.7373, weight: 2 },
  { country: 'JP', city: 'Nagoya', lat: 35.1815, lon: 136.9066, weight: 4 },
  { country: 'JP', city: 'Hamamatsu', lat: 34.7108, lon: 137.7261, weight: 1.5 },
  { country: 'KR', city: 'Ulsan', lat: 35.5384, lon: 129.3114, weight: 2 },
  { country: 'KR', city: 'Icheon', lat: 37.2720, lon: 127.4350, weight: 1.5 },
  { country: 'US', city: 'Detroit', lat: 42.3314, lon: -83.0458, weight: 2 },
  { country: 'US', city: 'Austin', lat: 30.2672, lon: -97.7431, weight: 1.5 },
  { country: 'NL', city: 'Nijmegen', lat: 51.8126, lon: 5.8372, weight: 1.5 },
  { country: 'AT', city: 'Graz', lat: 47.0707, lon: 15.4395, weight: 1 },
  { country: 'FR', city: 'Grenoble', lat: 45.1885, lon: 5.7245, weight: 1 },
  { country: 'HU', city: 'Győr', lat: 47.6875, lon: 17.6504, weight: 1 },
  { country: 'MY', city: 'Penang', lat: 5.4141, lon: 100.3288, weight: 1.5 },
  { country: 'MX', city: 'Monterrey', lat: 25.6866, lon: -100.3161, weight: 1 },
];

/**
 * Counties with real OEM plants (docs/domain.md, checked): Hangzhou Bay (Cixi, Yuyao),
 * Beilun (Chunxiao), Qiantang, Jinhua (Jindong), Linhai, Changxing, Tongxiang; and further
 * plausible assembly sites. Generated OEMs place their plants here, round robin.
 */
export const OEM_PLANT_COUNTIES: readonly string[] = [
  '330282', '330114', '330703', '331082', '330522', '330483', '330206', '330281',
  '331004', '330109', '330282', '330114', '330110', '330782', '330521', '330381', '330206', '330703',
];

/** Plants per supplier, 1–5 (mean 3.04: 300k plants for 100k suppliers). */
export const PLANTS_PER_SUPPLIER: readonly (readonly [number, number])[] = [[1, 15], [2, 22], [3, 25], [4, 20], [5, 18]];

/** Capabilities per supplier, 1–4. */
export const CAPABILITIES_PER_SUPPLIER: readonly (readonly [number, number])[] = [[1, 30], [2, 35], [3, 23], [4, 12]];

/** The area a supplier mainly works in: the three focus areas first. */
export const SUPPLIER_AREAS: readonly (readonly [string, number])[] = [
  ['COCKPIT', 22], ['CHASSIS', 22], ['CHIP', 20], ['THERMAL', 8], ['INTERIOR', 8], ['EDRIVE', 8], ['PERCEPTION', 5], ['AD_COMPUTE', 4], ['V2X', 3],
];

/** Requirements rotate through these areas per delivery plant: 3 in 4 in the focus areas. */
export const REQUIREMENT_AREA_CYCLE: readonly string[] = ['COCKPIT', 'CHASSIS', 'CHIP', 'OTHER'];
export const OTHER_REQUIREMENT_AREAS: readonly (readonly [string, number])[] = [
  ['THERMAL', 3], ['EDRIVE', 2], ['INTERIOR', 2], ['PERCEPTION', 2], ['AD_COMPUTE', 1.5], ['V2X', 1],
];

/** Leaf weights inside the focus areas (unlisted leaves weigh 1). */
export const LEAF_WEIGHTS: Readonly<Record<string, number>> = {
  'COCKPIT.DOMAIN_CONTROLLER': 1.5, 'COCKPIT.DISPLAY': 2, 'COCKPIT.IVI': 1.2, 'COCKPIT.CABIN_SENSING': 1, 'COCKPIT.SEATS': 1.8, 'COCKPIT.AMBIENT': 1,
  'CHASSIS.BRAKE_BY_WIRE': 2, 'CHASSIS.STEER_BY_WIRE': 1.5, 'CHASSIS.DRIVE_BY_WIRE': 0.6, 'CHASSIS.SHIFT_BY_WIRE': 0.6, 'CHASSIS.SUSPENSION': 2, 'CHASSIS.DOMAIN_CONTROLLER': 1,
  'CHIP.MCU': 1.5, 'CHIP.SOC': 0.8, 'CHIP.POWER': 2, 'CHIP.SENSOR': 1.2, 'CHIP.MEMORY': 0.6, 'CHIP.COMMS': 1, 'CHIP.ANALOG': 1.2, 'CHIP.SECURITY': 0.5,
};

export interface LevelDraw {
  /** Certification type code. */
  type: string;
  /** Share of suppliers in the category that hold it. */
  share: number;
  /** Levels held and their weights; empty for held-or-not types. */
  levels?: readonly (readonly [string, number])[];
}

export interface RequiredDraw {
  type: string;
  /** Share of requirements in the category that ask for it. */
  share: number;
  /** Minimum levels asked and their weights; null (held is enough) when absent. */
  minLevels?: readonly (readonly [string, number])[];
}

export interface SpecTemplate {
  key: string;
  values: readonly string[];
}

export interface CategoryProfile {
  /** Unit price, CNY. */
  price: readonly [number, number];
  /** Annual capacity of one capability, units. */
  capacity: readonly [number, number];
  /** Annual volume of one requirement, units. */
  demand: readonly [number, number];
  specs: readonly SpecTemplate[];
  held: readonly LevelDraw[];
  required: readonly RequiredDraw[];
}

const ASPICE_HELD: LevelDraw = { type: 'ASPICE', share: 0.6, levels: [['1', 2], ['2', 5], ['3', 3]] };
const ASPICE_REQUIRED: RequiredDraw = { type: 'ASPICE', share: 0.6, minLevels: [['2', 4], ['3', 1]] };
const CYBER_HELD: LevelDraw[] = [{ type: 'ISO_SAE_21434', share: 0.5 }, { type: 'UN_R155', share: 0.3 }, { type: 'UN_R156', share: 0.25 }];
const CYBER_REQUIRED: RequiredDraw = { type: 'ISO_SAE_21434', share: 0.5 };
const TEMPERATURE: SpecTemplate = { key: '工作温度', values: ['-40~85 °C', '-40~105 °C', '-40~125 °C', '-40~150 °C'] };
const Q100 = (levels: readonly (readonly [string, number])[]): LevelDraw => ({ type: 'AEC_Q100', share: 0.9, levels });
const Q100_MIN = (levels: readonly (readonly [string, number])[]): RequiredDraw => ({ type: 'AEC_Q100', share: 0.85, minLevels: levels });
const ASIL = (share: number, levels: readonly (readonly [string, number])[]): LevelDraw => ({ type: 'ISO_26262', share, levels });
const ASIL_MIN = (share: number, levels: readonly (readonly [string, number])[]): RequiredDraw => ({ type: 'ISO_26262', share, minLevels: levels });

/** By category code (leaf, or a top-level area without leaves). */
export const CATEGORY_PROFILES: Readonly<Record<string, CategoryProfile>> = {
  'COCKPIT.DOMAIN_CONTROLLER': {
    price: [1500, 4500], capacity: [50_000, 600_000], demand: [30_000, 300_000],
    specs: [{ key: 'SoC 算力', values: ['30 TOPS', '100 TOPS', '200 TOPS'] }, { key: '支持屏幕数', values: ['2', '3', '5'] }],
    held: [ASIL(0.7, [['QM', 1], ['A', 2], ['B', 4], ['C', 1]]), ASPICE_HELD, ...CYBER_HELD],
    required: [ASIL_MIN(0.7, [['A', 1], ['B', 3]]), ASPICE_REQUIRED, CYBER_REQUIRED],
  },
  'COCKPIT.DISPLAY': {
    price: [400, 2500], capacity: [80_000, 1_000_000], demand: [30_000, 400_000],
    specs: [{ key: '尺寸', values: ['12.3 英寸', '14.6 英寸', '15.6 英寸', 'AR-HUD 10°×4°'] }, { key: '分辨率', values: ['1920×720', '2560×1440', '3K'] }],
    held: [ASIL(0.5, [['QM', 3], ['A', 2], ['B', 2]]), { ...ASPICE_HELD, share: 0.3 }],
    required: [ASIL_MIN(0.4, [['QM', 2], ['A', 1], ['B', 1]])],
  },
  'COCKPIT.IVI': {
    price: [800, 3000], capacity: [80_000, 800_000], demand: [30_000, 300_000],
    specs: [{ key: '操作系统', values: ['Android Automotive', 'Linux', 'HarmonyOS'] }, { key: '蜂窝网络', values: ['4G', '5G'] }],
    held: [ASIL(0.4, [['QM', 3], ['A', 2]]), ASPICE_HELD, ...CYBER_HELD],
    required: [ASPICE_REQUIRED, CYBER_REQUIRED, { type: 'UN_R155', share: 0.3 }],
  },
  'COCKPIT.CABIN_SENSING': {
    price: [150, 800], capacity: [100_000, 1_200_000], demand: [30_000, 400_000],
    specs: [{ key: '传感器', values: ['DMS 红外摄像头', 'OMS 摄像头', '60 GHz 舱内雷达', '麦克风阵列'] }],
    held: [ASIL(0.6, [['QM', 1], ['A', 2], ['B', 3]]), { ...ASPICE_HELD, share: 0.4 }],
    required: [ASIL_MIN(0.5, [['A', 2], ['B', 1]])],
  },
  'COCKPIT.SEATS': {
    price: [1500, 6000], capacity: [50_000, 500_000], demand: [30_000, 300_000],
    specs: [{ key: '功能', values: ['电动调节', '通风加热', '按摩', '零重力'] }],
    held: [{ type: 'CCC', share: 0.85 }],
    required: [{ type: 'CCC', share: 0.9 }],
  },
  'COCKPIT.AMBIENT': {
    price: [50, 600], capacity: [100_000, 2_000_000], demand: [50_000, 500_000],
    specs: [{ key: '光源', values: ['RGB LED', '导光条', '光纤'] }],
    held: [],
    required: [],
  },
  'CHASSIS.BRAKE_BY_WIRE': {
    price: [800, 3000], capacity: [50_000, 800_000], demand: [30_000, 300_000],
    specs: [{ key: '架构', values: ['One-box', 'Two-box', 'EMB'] }, { key: '建压时间', values: ['120 ms', '150 ms', '180 ms'] }],
    held: [ASIL(0.8, [['B', 1], ['C', 3], ['D', 6]]), ASPICE_HELD],
    required: [ASIL_MIN(0.9, [['C', 1], ['D', 3]]), ASPICE_REQUIRED],
  },
  'CHASSIS.STEER_BY_WIRE': {
    price: [1000, 4000], capacity: [50_000, 600_000], demand: [30_000, 300_000],
    specs: [{ key: '转向类型', values: ['SBW', 'R-EPS', 'C-EPS', '后轮转向'] }, { key: '齿条力', values: ['12 kN', '15 kN', '18 kN'] }],
    held: [ASIL(0.8, [['C', 3], ['D', 7]]), ASPICE_HELD],
    required: [ASIL_MIN(0.9, [['C', 1], ['D', 4]]), ASPICE_REQUIRED],
  },
  'CHASSIS.DRIVE_BY_WIRE': {
    price: [100, 600], capacity: [100_000, 1_000_000], demand: [30_000, 300_000],
    specs: [{ key: '类型', values: ['电子油门踏板', '电子节气门'] }],
    held: [ASIL(0.6, [['B', 2], ['C', 2]])],
    required: [ASIL_MIN(0.6, [['B', 1], ['C', 1]])],
  },
  'CHASSIS.SHIFT_BY_WIRE': {
    price: [200, 900], capacity: [100_000, 1_000_000], demand: [30_000, 300_000],
    specs: [{ key: '形式', values: ['旋钮式', '怀挡式', '按键式'] }],
    held: [ASIL(0.6, [['A', 1], ['B', 3]])],
    required: [ASIL_MIN(0.5, [['B', 1]])],
  },
  'CHASSIS.SUSPENSION': {
    price: [1500, 8000], capacity: [30_000, 400_000], demand: [20_000, 200_000],
    specs: [{ key: '类型', values: ['空气悬架', 'CDC 减振器', '主动悬架'] }, { key: '高度调节范围', values: ['60 mm', '80 mm', '100 mm'] }],
    held: [ASIL(0.6, [['A', 1], ['B', 3], ['C', 2]])],
    required: [ASIL_MIN(0.6, [['B', 2], ['C', 1]])],
  },
  'CHASSIS.DOMAIN_CONTROLLER': {
    price: [1200, 4000], capacity: [50_000, 400_000], demand: [30_000, 300_000],
    specs: [{ key: 'MCU 内核', values: ['多核锁步', '双核锁步'] }, { key: '功能安全等级', values: ['ASIL D', 'ASIL C'] }],
    held: [ASIL(0.85, [['C', 2], ['D', 6]]), ASPICE_HELD, ...CYBER_HELD],
    required: [ASIL_MIN(0.9, [['D', 1]]), ASPICE_REQUIRED, CYBER_REQUIRED],
  },
  'CHIP.MCU': {
    price: [8, 120], capacity: [1_000_000, 30_000_000], demand: [200_000, 5_000_000],
    specs: [TEMPERATURE, { key: '内核', values: ['Arm Cortex-M7', 'Arm Cortex-R52', 'RISC-V', 'TriCore'] }],
    held: [Q100([['2', 1], ['1', 5], ['0', 2]]), ASIL(0.6, [['B', 2], ['D', 3]])],
    required: [Q100_MIN([['1', 4], ['2', 1], ['0', 1]]), ASIL_MIN(0.5, [['B', 1], ['D', 1]])],
  },
  'CHIP.SOC': {
    price: [150, 2500], capacity: [200_000, 3_000_000], demand: [50_000, 500_000],
    specs: [{ key: 'AI 算力', values: ['8 TOPS', '30 TOPS', '128 TOPS', '254 TOPS'] }, { key: '工艺', values: ['7 nm', '16 nm', '28 nm'] }],
    held: [Q100([['3', 1], ['2', 4], ['1', 3]]), ASIL(0.6, [['QM', 1], ['B', 3], ['D', 1]])],
    required: [Q100_MIN([['2', 3], ['1', 1]]), ASIL_MIN(0.4, [['B', 1]])],
  },
  'CHIP.POWER': {
    price: [50, 3000], capacity: [200_000, 5_000_000], demand: [50_000, 1_000_000],
    specs: [{ key: '耐压', values: ['750 V', '1200 V'] }, { key: '器件', values: ['Si IGBT 模块', 'SiC MOSFET', 'SiC 模块', '栅极驱动'] }],
    held: [{ type: 'AEC_Q101', share: 0.9, levels: [['1', 4], ['0', 3]] }, { type: 'AQG_324', share: 0.5 }, { type: 'AEC_Q104', share: 0.25, levels: [['1', 1]] }],
    required: [{ type: 'AEC_Q101', share: 0.8, minLevels: [['1', 3], ['0', 1]] }, { type: 'AQG_324', share: 0.4 }],
  },
  'CHIP.SENSOR': {
    price: [10, 300], capacity: [500_000, 10_000_000], demand: [100_000, 2_000_000],
    specs: [TEMPERATURE, { key: '类型', values: ['CIS 图像传感器', 'MEMS IMU', '毫米波雷达 RF', 'SPAD'] }],
    held: [Q100([['3', 1], ['2', 4], ['1', 4]])],
    required: [Q100_MIN([['2', 2], ['1', 2]])],
  },
  'CHIP.MEMORY': {
    price: [10, 200], capacity: [1_000_000, 20_000_000], demand: [100_000, 2_000_000],
    specs: [TEMPERATURE, { key: '类型', values: ['LPDDR4x', 'LPDDR5', 'UFS 3.1', 'NOR Flash'] }],
    held: [Q100([['3', 2], ['2', 4], ['1', 2]])],
    required: [Q100_MIN([['2', 3], ['1', 1]])],
  },
  'CHIP.COMMS': {
    price: [5, 80], capacity: [1_000_000, 30_000_000], demand: [200_000, 5_000_000],
    specs: [TEMPERATURE, { key: '接口', values: ['CAN-FD', 'LIN', '100BASE-T1', '1000BASE-T1', 'SerDes'] }],
    held: [Q100([['2', 2], ['1', 5], ['0', 1]])],
    required: [Q100_MIN([['1', 3], ['2', 1]])],
  },
  'CHIP.ANALOG': {
    price: [3, 60], capacity: [1_000_000, 40_000_000], demand: [200_000, 5_000_000],
    specs: [TEMPERATURE, { key: '类型', values: ['PMIC', 'BMS AFE', 'LDO', 'DC-DC 控制器'] }],
    held: [Q100([['2', 1], ['1', 5], ['0', 2]]), ASIL(0.4, [['B', 2], ['D', 1]])],
    required: [Q100_MIN([['1', 3], ['0', 1]])],
  },
  'CHIP.SECURITY': {
    price: [5, 60], capacity: [1_000_000, 20_000_000], demand: [200_000, 3_000_000],
    specs: [TEMPERATURE, { key: '算法', values: ['SM2/SM3/SM4', 'AES/ECC'] }],
    held: [Q100([['2', 3], ['1', 3]]), { type: 'ISO_SAE_21434', share: 0.6 }],
    required: [Q100_MIN([['2', 1], ['1', 1]]), CYBER_REQUIRED],
  },
  THERMAL: {
    price: [100, 5000], capacity: [50_000, 1_000_000], demand: [30_000, 400_000],
    specs: [{ key: '产品', values: ['电子膨胀阀', '电子水泵', '热泵集成模块', 'Chiller', '电动压缩机'] }, { key: '冷媒', values: ['R1234yf', 'R744 (CO₂)', 'R134a'] }],
    held: [],
    required: [],
  },
  INTERIOR: {
    price: [300, 4000], capacity: [50_000, 600_000], demand: [30_000, 300_000],
    specs: [{ key: '材料', values: ['搪塑', '真皮包覆', '再生 PET 面料', 'PP 注塑'] }],
    held: [{ type: 'CCC', share: 0.2 }],
    required: [],
  },
  EDRIVE: {
    price: [2000, 60000], capacity: [20_000, 400_000], demand: [20_000, 200_000],
    specs: [{ key: '产品', values: ['电池包', 'BMS', '驱动电机', '电驱桥', 'OBC/DC-DC'] }, { key: '电压平台', values: ['400 V', '800 V'] }],
    held: [ASIL(0.5, [['B', 1], ['C', 2], ['D', 1]])],
    required: [ASIL_MIN(0.5, [['C', 1]])],
  },
  PERCEPTION: {
    price: [150, 5000], capacity: [50_000, 1_000_000], demand: [30_000, 300_000],
    specs: [{ key: '传感器', values: ['激光雷达', '4D 毫米波雷达', '8M 摄像头', '超声波雷达'] }, { key: '探测距离', values: ['150 m', '200 m', '300 m'] }],
    held: [ASIL(0.6, [['A', 1], ['B', 3]]), { ...ASPICE_HELD, share: 0.5 }],
    required: [ASIL_MIN(0.6, [['B', 1]]), ASPICE_REQUIRED],
  },
  AD_COMPUTE: {
    price: [3000, 15000], capacity: [30_000, 300_000], demand: [20_000, 200_000],
    specs: [{ key: 'AI 算力', values: ['84 TOPS', '254 TOPS', '508 TOPS', '1000 TOPS'] }, { key: '功能安全等级', values: ['ASIL B', 'ASIL D'] }],
    held: [ASIL(0.8, [['B', 3], ['D', 2]]), ASPICE_HELD, ...CYBER_HELD, { type: 'GB_44497', share: 0.3 }],
    required: [ASIL_MIN(0.8, [['B', 2], ['D', 1]]), ASPICE_REQUIRED, CYBER_REQUIRED],
  },
  V2X: {
    price: [500, 3000], capacity: [50_000, 500_000], demand: [20_000, 200_000],
    specs: [{ key: '产品', values: ['OBU', 'RSU', 'MEC'] }, { key: '通信', values: ['C-V2X PC5', '5G Uu'] }],
    held: [ASPICE_HELD, ...CYBER_HELD],
    required: [CYBER_REQUIRED],
  },
};

/** Held by most production-part suppliers; asked by most requirements. */
export const IATF_HELD_SHARE = 0.85;
export const IATF_REQUIRED_SHARE = 0.9;
export const ISO14001_HELD_SHARE = 0.45;
/** Share of certificates whose validity ended before the reference date. */
export const EXPIRED_SHARE = 0.09;

export const ISSUERS: readonly string[] = ['示例认证中心 A', '示例认证中心 B', 'Example Cert GmbH', 'Example Assessors Ltd', '示例质量认证有限公司'];

/** Designations on a few percent of the suppliers in China. */
export const DESIGNATION_SHARES = { SINGLE_CHAMPION: 0.004, LITTLE_GIANT: 0.02, SPECIALIZED_SME: 0.045 } as const;
export const VERIFIED_SHARE = 0.85;

/**
 * Provincial local share of contract value by signing year, before noise: a 2024 baseline in
 * the 50–60 % band (no official baseline is published, see docs/domain.md), rising a few points.
 */
export const LOCAL_SHARE_BY_YEAR: Readonly<Record<number, number>> = { 2024: 0.55, 2025: 0.575, 2026: 0.6 };
/** Of the local contracts, the share placed with a plant in the buyer plant's own city when one exists. */
export const SAME_CITY_PREFERENCE = 0.35;
/** Contract value: log-normal, independent of category so that value and count shares agree. */
export const CONTRACT_VALUE_MEDIAN_CNY = 1_500_000;
export const CONTRACT_VALUE_SIGMA = 0.7;
export const TERMINATED_SHARE = 0.04;
/** Of the terminated contracts, the share whose delivered value is unknown (counted as 0). */
export const DELIVERED_UNKNOWN_SHARE = 0.25;
export const TERMINATION_REASONS: readonly string[] = ['车型项目取消 (model programme cancelled)', '质量问题 (quality issues)', '供应商产能不足 (supplier capacity shortfall)', '双方协商解除 (mutual termination)'];

/** Requirement statuses. */
export const REQUIREMENT_STATUSES: readonly (readonly [string, number])[] = [['OPEN', 75], ['DRAFT', 15], ['CLOSED', 10]];

/** Syllables for invented firm names: [Chinese, pinyin]. */
export const NAME_SYLLABLES: readonly (readonly [string, string])[] = [
  ['瑞', 'Rui'], ['恒', 'Heng'], ['博', 'Bo'], ['星', 'Xing'], ['华', 'Hua'], ['达', 'Da'], ['宏', 'Hong'], ['泰', 'Tai'],
  ['科', 'Ke'], ['创', 'Chuang'], ['鑫', 'Xin'], ['德', 'De'], ['丰', 'Feng'], ['汇', 'Hui'], ['远', 'Yuan'], ['拓', 'Tuo'],
  ['凯', 'Kai'], ['晶', 'Jing'], ['芯', 'Xin'], ['智', 'Zhi'], ['联', 'Lian'], ['迅', 'Xun'], ['铭', 'Ming'], ['睿', 'Rui'],
  ['诚', 'Cheng'], ['信', 'Xin'], ['嘉', 'Jia'], ['永', 'Yong'], ['盛', 'Sheng'], ['誉', 'Yu'], ['航', 'Hang'], ['驰', 'Chi'],
  ['锐', 'Rui'], ['峰', 'Feng'], ['源', 'Yuan'], ['恩', 'En'], ['舜', 'Shun'], ['甬', 'Yong'], ['越', 'Yue'], ['之', 'Zhi'],
];

/** Name endings of suppliers by area: [Chinese, English]. */
export const AREA_NAME_WORDS: Readonly<Record<string, readonly (readonly [string, string])[]>> = {
  COCKPIT: [['智能座舱', 'Smart Cockpit'], ['汽车电子', 'Automotive Electronics'], ['车载显示', 'Automotive Displays'], ['座椅系统', 'Seating Systems']],
  CHASSIS: [['底盘科技', 'Chassis Technology'], ['线控系统', 'By-Wire Systems'], ['制动系统', 'Braking Systems'], ['悬架系统', 'Suspension Systems']],
  CHIP: [['微电子', 'Microelectronics'], ['半导体', 'Semiconductor'], ['芯片科技', 'Chip Technology'], ['集成电路', 'Integrated Circuits']],
  THERMAL: [['热管理', 'Thermal Management'], ['汽车空调', 'Automotive Climate'], ['流体控制', 'Fluid Control']],
  INTERIOR: [['内饰件', 'Interior Parts'], ['汽车饰件', 'Automotive Trim']],
  EDRIVE: [['新能源动力', 'New Energy Power'], ['电驱动', 'Electric Drive'], ['电池科技', 'Battery Technology']],
  PERCEPTION: [['感知科技', 'Perception Technology'], ['雷达科技', 'Radar Technology'], ['光电', 'Optoelectronics']],
  AD_COMPUTE: [['智驾科技', 'Autonomous Driving Technology'], ['智能计算', 'Intelligent Computing']],
  V2X: [['车联网', 'Connected Vehicle'], ['通信科技', 'Communication Technology']],
};

/** Invented foreign-sounding firm name parts (illustrative). */
export const FOREIGN_NAME_WORDS: readonly string[] = ['Nordtal', 'Alpenwerk', 'Kirafune', 'Haneda Seiki', 'Daesan', 'Lakeshore', 'Westbrook', 'Valtronic', 'Brenner', 'Ostmark', 'Mizuho Kiko', 'Hanbit'];
export const FOREIGN_SUFFIX: Readonly<Record<string, string>> = { DE: 'GmbH', AT: 'GmbH', JP: 'K.K.', KR: 'Co., Ltd.', US: 'Inc.', NL: 'B.V.', FR: 'SAS', HU: 'Kft.', MY: 'Sdn. Bhd.', MX: 'S.A. de C.V.' };

export const OEM_NAME_WORDS: readonly (readonly [string, string])[] = [['汽车', 'Auto'], ['新能源汽车', 'NEV'], ['智能汽车', 'Smart Auto'], ['智行汽车', 'Mobility']];
