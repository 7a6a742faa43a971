/**
 * The demo market: illustrative organisations at real places. Plant locations follow the
 * public examples in docs/domain.md (OEM plants in Hangzhou Bay, Qiantang, Jinhua,
 * Linhai, Changxing, Tongxiang); every name is invented (示例 = "example") and no real firm
 * is claimed to trade with another.
 */
import { Designation, OrganizationKind } from '../src/organizations/organization.entity.js';

export interface DemoPlant {
  name: string;
  regionCode: string | null;
  countryCode?: string;
  lat?: number;
  lon?: number;
  address?: string;
}

export interface DemoOrganization {
  key: string;
  kind: OrganizationKind;
  legalName: string;
  nameEn: string;
  region: string;
  plants: DemoPlant[];
  jurisdictionCode?: string;
  email: string;
  /** A supplier's part categories (its capabilities in the generated market). */
  specialties?: string[];
  designations?: Designation[];
}

export const DEMO_PASSWORD = 'demo-password-2026';

export const DEMO_ORGANIZATIONS: DemoOrganization[] = [
  { key: 'oem-bay', kind: OrganizationKind.OEM, legalName: '甬湾智能汽车(示例)有限公司', nameEn: 'Yongwan Smart Auto (example)', region: '330282', email: 'buyer@yongwan.example',
    plants: [{ name: '杭州湾前湾工厂', regionCode: '330282', lat: 30.3015, lon: 121.2132, address: '宁波前湾新区(示例)' }] },
  { key: 'oem-qiantang', kind: OrganizationKind.OEM, legalName: '钱江新能源汽车(示例)有限公司', nameEn: 'Qianjiang NEV (example)', region: '330114', email: 'buyer@qianjiang.example',
    plants: [{ name: '钱塘工厂', regionCode: '330114', lat: 30.2995, lon: 120.4901 }, { name: '金华工厂', regionCode: '330703', lat: 29.1046, lon: 119.7272 }] },
  { key: 'oem-linhai', kind: OrganizationKind.OEM, legalName: '台州临海汽车(示例)有限公司', nameEn: 'Linhai Motors (example)', region: '331082', email: 'buyer@linhai.example',
    plants: [{ name: '临海工厂', regionCode: '331082' }, { name: '长兴工厂', regionCode: '330522' }] },
  { key: 'oem-tongxiang', kind: OrganizationKind.OEM, legalName: '桐乡智行汽车(示例)有限公司', nameEn: 'Tongxiang Zhixing Auto (example)', region: '330483', email: 'buyer@zhixing.example',
    plants: [{ name: '桐乡工厂', regionCode: '330483' }] },

  { key: 'sup-brake-xiaoshan', kind: OrganizationKind.SUPPLIER, legalName: '萧山线控制动系统(示例)有限公司', nameEn: 'Xiaoshan Brake-by-Wire Systems (example)', region: '330109', email: 'sales@xsbrake.example', specialties: ['CHASSIS.BRAKE_BY_WIRE'], designations: [Designation.LITTLE_GIANT],
    plants: [{ name: '萧山制动工厂', regionCode: '330109' }] },
  { key: 'sup-chassis-beilun', kind: OrganizationKind.SUPPLIER, legalName: '北仑底盘科技(示例)有限公司', nameEn: 'Beilun Chassis Tech (example)', region: '330206', email: 'sales@blchassis.example', specialties: ['CHASSIS.SUSPENSION', 'CHASSIS.DOMAIN_CONTROLLER', 'THERMAL'],
    plants: [{ name: '北仑悬架工厂', regionCode: '330206' }, { name: '杭州湾热管理工厂', regionCode: '330282' }] },
  { key: 'sup-cockpit-ningbo', kind: OrganizationKind.SUPPLIER, legalName: '甬城智能座舱电子(示例)有限公司', nameEn: 'Yongcheng Cockpit Electronics (example)', region: '330212', email: 'sales@yccockpit.example', specialties: ['COCKPIT.DOMAIN_CONTROLLER', 'COCKPIT.DISPLAY', 'COCKPIT.IVI'],
    plants: [{ name: '鄞州座舱电子工厂', regionCode: '330212' }] },
  { key: 'sup-power-jiaxing', kind: OrganizationKind.SUPPLIER, legalName: '南湖功率半导体(示例)有限公司', nameEn: 'Nanhu Power Semiconductor (example)', region: '330402', email: 'sales@nhpower.example', specialties: ['CHIP.POWER'], designations: [Designation.LITTLE_GIANT],
    plants: [{ name: '南湖模块工厂', regionCode: '330402' }] },
  { key: 'sup-thermal-tiantai', kind: OrganizationKind.SUPPLIER, legalName: '天台换热器(示例)有限公司', nameEn: 'Tiantai Heat Exchangers (example)', region: '331023', email: 'sales@tthx.example', specialties: ['THERMAL'], designations: [Designation.SINGLE_CHAMPION],
    plants: [{ name: '天台工厂', regionCode: '331023' }] },
  { key: 'sup-mcu-hangzhou', kind: OrganizationKind.SUPPLIER, legalName: '杭芯车规微电子(示例)有限公司', nameEn: 'Hangxin Automotive Microelectronics (example)', region: '330106', email: 'sales@hangxin.example', specialties: ['CHIP.MCU', 'CHIP.ANALOG'], designations: [Designation.SPECIALIZED_SME],
    plants: [{ name: '西湖设计中心与封测线', regionCode: '330106' }] },
  { key: 'sup-seats-huzhou', kind: OrganizationKind.SUPPLIER, legalName: '德清智能座椅(示例)有限公司', nameEn: 'Deqing Smart Seating (example)', region: '330521', email: 'sales@dqseat.example', specialties: ['COCKPIT.SEATS', 'INTERIOR'],
    plants: [{ name: '德清座椅工厂', regionCode: '330521' }] },
  { key: 'sup-steer-suzhou', kind: OrganizationKind.SUPPLIER, legalName: '苏州线控转向(示例)有限公司', nameEn: 'Suzhou Steer-by-Wire (example)', region: '320505', email: 'sales@szsteer.example', specialties: ['CHASSIS.STEER_BY_WIRE'],
    plants: [{ name: '苏州高新区工厂', regionCode: '320505' }] },
  { key: 'sup-soc-shanghai', kind: OrganizationKind.SUPPLIER, legalName: '浦江车载计算芯片(示例)有限公司', nameEn: 'Pujiang Automotive Compute (example)', region: '310115', email: 'sales@pjsoc.example', specialties: ['CHIP.SOC', 'CHIP.SENSOR'],
    plants: [{ name: '浦东封测厂', regionCode: '310115' }] },
  { key: 'sup-display-hefei', kind: OrganizationKind.SUPPLIER, legalName: '合肥车载显示(示例)有限公司', nameEn: 'Hefei Automotive Displays (example)', region: '340104', email: 'sales@hfdisplay.example', specialties: ['COCKPIT.DISPLAY', 'COCKPIT.CABIN_SENSING'],
    plants: [{ name: '合肥显示模组工厂', regionCode: '340104' }] },
  { key: 'sup-brake-chongqing', kind: OrganizationKind.SUPPLIER, legalName: '渝州制动(示例)有限公司', nameEn: 'Yuzhou Brakes (example)', region: '500112', email: 'sales@yzbrake.example', specialties: ['CHASSIS.BRAKE_BY_WIRE'],
    plants: [{ name: '渝北工厂', regionCode: '500112' }] },
  { key: 'sup-brake-germany', kind: OrganizationKind.SUPPLIER, legalName: 'Rheinland Bremstechnik (example) GmbH 中国代表处', nameEn: 'Rheinland Bremstechnik (example)', region: '310115', email: 'sales@rheinland.example', specialties: ['CHASSIS.BRAKE_BY_WIRE', 'CHASSIS.STEER_BY_WIRE'],
    plants: [{ name: 'Werk Stuttgart', regionCode: null, countryCode: 'DE', lat: 48.7758, lon: 9.1829 }] },

  { key: 'bureau-zj', kind: OrganizationKind.BUREAU, legalName: '浙江省经济和信息化厅(示例账户)', nameEn: 'Zhejiang Economy and IT Department (demo account)', region: '330000', jurisdictionCode: '330000', email: 'analyst@zj-bureau.example', plants: [] },
  { key: 'bureau-nb', kind: OrganizationKind.BUREAU, legalName: '宁波市经济和信息化局(示例账户)', nameEn: 'Ningbo Economy and IT Bureau (demo account)', region: '330200', jurisdictionCode: '330200', email: 'analyst@nb-bureau.example', plants: [] },
];
