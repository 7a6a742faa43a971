/**
 * The part taxonomy and certification types, from docs/domain.md. Codes are the product's
 * own. A migration loaded these rows as they were then (its frozen copy is in migrations/data/);
 * a later change here needs a new migration, or goes through the platform admin.
 */
import type { LevelScheme } from './certification-levels.js';

export interface CategorySeed {
  code: string;
  nameZh: string;
  nameEn: string;
  keywords: string[];
  children?: CategorySeed[];
}

export const FOCUS_AREAS = ['COCKPIT', 'CHASSIS', 'CHIP'] as const;
export type FocusArea = (typeof FOCUS_AREAS)[number];

export const PART_TAXONOMY: CategorySeed[] = [
  {
    code: 'COCKPIT', nameZh: '智能座舱', nameEn: 'Smart cockpit', keywords: ['座舱', 'cockpit'],
    children: [
      { code: 'DOMAIN_CONTROLLER', nameZh: '座舱域控制器', nameEn: 'Cockpit domain controller', keywords: ['座舱域控', '域控', '域控制器', 'domain controller'] },
      { code: 'DISPLAY', nameZh: '显示', nameEn: 'Displays', keywords: ['全液晶仪表', 'instrument cluster', '中控屏', 'centre display', 'HUD', 'AR-HUD', '抬头显示', 'rear screen', '后排屏'] },
      { code: 'IVI', nameZh: '车载信息娱乐', nameEn: 'In-vehicle infotainment', keywords: ['head unit', '车机', 'audio', '音响', 'T-Box', '车载终端'] },
      { code: 'CABIN_SENSING', nameZh: '舱内感知', nameEn: 'In-cabin sensing', keywords: ['DMS', 'OMS', 'camera', '摄像头', 'mic array', '麦克风阵列', 'in-cabin radar', '舱内雷达'] },
      { code: 'SEATS', nameZh: '智能座椅', nameEn: 'Smart seats', keywords: ['座椅', 'seat'] },
      { code: 'AMBIENT', nameZh: '氛围灯与空调面板', nameEn: 'Ambient lighting and HVAC panel', keywords: ['氛围灯', 'ambient light', 'HVAC panel', '空调面板'] },
    ],
  },
  {
    code: 'CHASSIS', nameZh: '线控底盘', nameEn: 'By-wire chassis', keywords: ['底盘', 'chassis', 'by-wire', '线控'],
    children: [
      { code: 'BRAKE_BY_WIRE', nameZh: '线控制动', nameEn: 'Brake-by-wire', keywords: ['EHB', 'EMB', 'EPB', 'ESC', 'two-box', 'one-box', '电子液压制动', '电子机械制动', '制动'] },
      { code: 'STEER_BY_WIRE', nameZh: '线控转向', nameEn: 'Steer-by-wire', keywords: ['SBW', 'EPS', 'rear-wheel steer', '后轮转向', '电动助力转向', '转向'] },
      { code: 'DRIVE_BY_WIRE', nameZh: '线控驱动', nameEn: 'Drive-by-wire', keywords: ['electronic throttle', '电子油门'] },
      { code: 'SHIFT_BY_WIRE', nameZh: '线控换挡', nameEn: 'Shift-by-wire', keywords: ['换挡', 'shifter'] },
      { code: 'SUSPENSION', nameZh: '线控悬架', nameEn: 'Active suspension', keywords: ['air suspension', '空气悬架', 'CDC', 'damper', '减振器', 'active suspension', '悬架'] },
      { code: 'DOMAIN_CONTROLLER', nameZh: '底盘域控制器', nameEn: 'Chassis domain controller', keywords: ['底盘域控', '域控', '域控制器', 'domain controller'] },
    ],
  },
  {
    code: 'CHIP', nameZh: '车规级芯片', nameEn: 'Automotive-grade chips', keywords: ['车规', '芯片', 'automotive-grade', 'chip', 'semiconductor', '半导体'],
    children: [
      { code: 'MCU', nameZh: '控制芯片', nameEn: 'Microcontrollers', keywords: ['MCU', '微控制器', 'microcontroller'] },
      { code: 'SOC', nameZh: '计算芯片', nameEn: 'Compute SoCs', keywords: ['SoC', 'cockpit SoC', 'ADAS SoC', 'FPGA', '座舱芯片', '智驾芯片'] },
      { code: 'POWER', nameZh: '功率芯片', nameEn: 'Power semiconductors', keywords: ['IGBT', 'SiC', 'MOSFET', 'SiC MOSFET', 'gate driver', '碳化硅', '功率模块', 'power module'] },
      { code: 'SENSOR', nameZh: '传感芯片', nameEn: 'Sensor chips', keywords: ['CIS', 'image sensor', '图像传感器', 'radar RF', 'SPAD', 'VCSEL', 'MEMS', 'IMU', 'GNSS'] },
      { code: 'MEMORY', nameZh: '存储芯片', nameEn: 'Memory', keywords: ['DRAM', 'NAND', 'NOR', 'flash', '存储'] },
      { code: 'COMMS', nameZh: '通信芯片', nameEn: 'Communication chips', keywords: ['CAN-FD', 'LIN', 'automotive Ethernet', 'Ethernet PHY', '车载以太网', 'SerDes', 'C-V2X modem'] },
      { code: 'ANALOG', nameZh: '模拟与电源芯片', nameEn: 'Analog and power management', keywords: ['PMIC', 'BMS AFE', '电源管理', '模拟芯片'] },
      { code: 'SECURITY', nameZh: '安全芯片', nameEn: 'Security chips', keywords: ['HSM', '安全芯片', 'secure element'] },
    ],
  },
  { code: 'THERMAL', nameZh: '热管理', nameEn: 'Thermal management', keywords: ['EEV', '电子膨胀阀', 'e-pump', '电子水泵', 'heat pump', '热泵', 'chiller', 'e-compressor', '电动压缩机', 'PTC', 'heat exchanger', '换热器'] },
  { code: 'INTERIOR', nameZh: '汽车内饰', nameEn: 'Interiors', keywords: ['instrument panel', '仪表板', 'door trim', '门板', 'headliner', '顶棚', 'seat trim', '座椅面套'] },
  { code: 'EDRIVE', nameZh: '三电', nameEn: 'Electric drive and battery', keywords: ['battery cell', '电芯', 'battery pack', '电池包', 'BMS', 'drive motor', '驱动电机', 'inverter', '逆变器', 'e-axle', '电驱桥', 'OBC', 'DC-DC'] },
  { code: 'PERCEPTION', nameZh: '智能感知', nameEn: 'Perception sensors', keywords: ['lidar', '激光雷达', 'mmWave radar', '4D radar', '毫米波雷达', 'camera', '摄像头', 'ultrasonic', '超声波雷达'] },
  { code: 'AD_COMPUTE', nameZh: '智驾域控制器', nameEn: 'Autonomous-driving domain controller', keywords: ['智驾域控', 'ADAS domain controller', '域控', '域控制器', 'domain controller'] },
  { code: 'V2X', nameZh: '车路协同', nameEn: 'V2X', keywords: ['OBU', 'RSU', 'MEC', 'C-V2X', '车联网'] },
];

export interface CategoryRow {
  code: string;
  parentCode: string | null;
  nameZh: string;
  nameEn: string;
  focusArea: string | null;
  keywords: string[];
  sortOrder: number;
}

/** The taxonomy as rows, children coded under their parent (`CHASSIS.BRAKE_BY_WIRE`). */
export function flattenTaxonomy(nodes: CategorySeed[] = PART_TAXONOMY, parent: CategoryRow | null = null): CategoryRow[] {
  return nodes.flatMap((node, index) => {
    const code = parent ? `${parent.code}.${node.code}` : node.code;
    const focusArea = parent ? parent.focusArea : (FOCUS_AREAS as readonly string[]).includes(code) ? code : null;
    const row: CategoryRow = { code, parentCode: parent?.code ?? null, nameZh: node.nameZh, nameEn: node.nameEn, focusArea, keywords: node.keywords, sortOrder: index };
    return [row, ...flattenTaxonomy(node.children ?? [], row)];
  });
}

export interface CertificationTypeRow {
  code: string;
  name: string;
  nameZh: string | null;
  levelScheme: LevelScheme;
  typicalUse: string;
}

export const CERTIFICATION_TYPES: CertificationTypeRow[] = [
  { code: 'IATF_16949', name: 'IATF 16949', nameZh: '汽车质量管理体系', levelScheme: 'HELD', typicalUse: 'every production-part supplier' },
  { code: 'ISO_26262', name: 'ISO 26262 (GB/T 34590)', nameZh: '功能安全', levelScheme: 'ASIL', typicalUse: 'by-wire brake and steer usually ASIL D; cockpit QM–B' },
  { code: 'AEC_Q100', name: 'AEC-Q100', nameZh: '集成电路车规认证', levelScheme: 'AEC_GRADE', typicalUse: 'integrated circuits' },
  { code: 'AEC_Q101', name: 'AEC-Q101', nameZh: '分立器件车规认证', levelScheme: 'AEC_GRADE', typicalUse: 'discrete semiconductors, power devices' },
  { code: 'AEC_Q104', name: 'AEC-Q104', nameZh: '多芯片模块车规认证', levelScheme: 'AEC_GRADE', typicalUse: 'multi-chip modules' },
  { code: 'AEC_Q200', name: 'AEC-Q200', nameZh: '无源器件车规认证', levelScheme: 'AEC_GRADE', typicalUse: 'passive components' },
  { code: 'AQG_324', name: 'AQG 324', nameZh: '功率模块认证', levelScheme: 'HELD', typicalUse: 'power modules' },
  { code: 'ISO_SAE_21434', name: 'ISO/SAE 21434', nameZh: '网络安全工程', levelScheme: 'HELD', typicalUse: 'connected ECUs, IVI, T-Box, V2X' },
  { code: 'UN_R155', name: 'UN R155', nameZh: '网络安全管理体系', levelScheme: 'HELD', typicalUse: 'connected ECUs, IVI, T-Box, V2X' },
  { code: 'UN_R156', name: 'UN R156', nameZh: '软件升级管理体系', levelScheme: 'HELD', typicalUse: 'connected ECUs, IVI, T-Box, V2X' },
  { code: 'GB_44495', name: 'GB 44495-2024', nameZh: '汽车整车信息安全技术要求', levelScheme: 'HELD', typicalUse: 'mandatory from 2026-01-01' },
  { code: 'GB_44496', name: 'GB 44496-2024', nameZh: '汽车软件升级通用技术要求', levelScheme: 'HELD', typicalUse: 'mandatory from 2026-01-01' },
  { code: 'GB_44497', name: 'GB 44497-2024', nameZh: '智能网联汽车 自动驾驶数据记录系统', levelScheme: 'HELD', typicalUse: 'mandatory from 2026-01-01' },
  { code: 'ASPICE', name: 'Automotive SPICE', nameZh: '汽车软件过程能力', levelScheme: 'ASPICE_LEVEL', typicalUse: 'software-bearing ECUs; OEMs usually ask ≥ 2' },
  { code: 'CCC', name: 'CCC', nameZh: '中国强制性产品认证', levelScheme: 'HELD', typicalUse: 'seats, lamps, glass, seat belts' },
  { code: 'PPAP', name: 'APQP / PPAP', nameZh: '生产件批准程序', levelScheme: 'PPAP_LEVEL', typicalUse: 'qualification status of a part' },
  { code: 'ISO_14001', name: 'ISO 14001', nameZh: '环境管理体系', levelScheme: 'HELD', typicalUse: 'environmental management' },
];
