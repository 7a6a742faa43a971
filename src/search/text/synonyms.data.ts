/**
 * The synonym groups a fresh database starts with (the SearchIndex migration applies a frozen
 * copy of them, migrations/data/), from docs/domain.md: 线控制动 ≈ brake-by-wire ≈ EHB/EMB; 域控 ≈ 域控制器 ≈ domain controller;
 * 车规 ≈ automotive-grade; and the Chinese and English names of common parts. A platform admin
 * adds more through the `addSearchSynonyms` mutation. Each category's Chinese and English
 * names are treated as synonyms without being listed here (see vocabulary.ts).
 *
 * A one-way group expands its first term to the others only: a query for 线控制动 also finds
 * EHB and EMB makers, but one for EHB does not bring up EMB.
 */
import type { SynonymGroup } from './analyzer.js';

export const SEED_SYNONYMS: SynonymGroup[] = [
  { terms: ['线控制动', 'brake-by-wire', 'brake by wire'], oneWay: false },
  { terms: ['线控制动', 'EHB', 'EMB', 'one-box', 'two-box'], oneWay: true },
  { terms: ['EHB', '电子液压制动', 'electro-hydraulic brake'], oneWay: false },
  { terms: ['EMB', '电子机械制动', 'electro-mechanical brake'], oneWay: false },
  { terms: ['线控转向', 'steer-by-wire', 'SBW'], oneWay: false },
  { terms: ['线控底盘', 'by-wire chassis', 'chassis-by-wire'], oneWay: false },
  { terms: ['域控', '域控制器', 'domain controller'], oneWay: false },
  { terms: ['车规', '车规级', 'automotive-grade', 'automotive grade'], oneWay: false },
  { terms: ['智能座舱', 'smart cockpit', 'intelligent cockpit'], oneWay: false },
  { terms: ['座椅', 'seat'], oneWay: false },
  { terms: ['铸造', 'casting'], oneWay: false },
  { terms: ['压铸', 'die casting', 'die-casting'], oneWay: false },
  { terms: ['激光雷达', 'lidar'], oneWay: false },
  { terms: ['毫米波雷达', 'mmWave radar', 'millimeter-wave radar'], oneWay: false },
  { terms: ['空气悬架', 'air suspension'], oneWay: false },
  { terms: ['热泵', 'heat pump'], oneWay: false },
  { terms: ['电子膨胀阀', 'EEV', 'electronic expansion valve'], oneWay: false },
  { terms: ['碳化硅', 'SiC', 'silicon carbide'], oneWay: false },
  { terms: ['功率模块', 'power module'], oneWay: false },
  { terms: ['抬头显示', 'HUD', 'head-up display'], oneWay: false },
  { terms: ['微控制器', 'MCU', 'microcontroller'], oneWay: false },
  { terms: ['车载以太网', 'automotive Ethernet'], oneWay: false },
  { terms: ['功能安全', 'functional safety', 'ISO 26262'], oneWay: false },
  { terms: ['电动助力转向', 'EPS', 'electric power steering'], oneWay: false },
  { terms: ['摄像头', 'camera'], oneWay: false },
];
