import { defineMessages } from '../i18n/messages';

/** Match factors, locality tiers and hard filters: shared by the buyer's matches and the supplier's opportunities. */
export const matchingMessages = defineMessages('matching', {
  factor_locality: ['本地化', 'Locality'],
  factor_fit: ['匹配度', 'Fit'],
  factor_certification: ['资质', 'Certification'],
  factor_capacity: ['产能', 'Capacity'],
  factor_designation: ['专精特新等称号', 'Designations'],
  tier_SAME_COUNTY: ['同区县', 'Same county'],
  tier_SAME_CITY: ['同城', 'Same city'],
  tier_SAME_PROVINCE: ['省内', 'Same province'],
  tier_YRD_NEIGHBOUR: ['长三角', 'Yangtze River Delta'],
  tier_CHINA: ['国内其他', 'Elsewhere in China'],
  tier_ABROAD: ['境外', 'Abroad'],
  tierUnknown: ['未知', 'Unknown'],
  score: ['得分', 'Score'],
  points: ['{points, number} 分', '{points, number} pts'],
  weight: ['权重 {weight, number, percent}', 'weight {weight, number, percent}'],
  km: ['{km, number} 公里', '{km, number} km'],
  impact: ['对本省本地配套率的影响', 'Impact on the provincial local rate'],
  impactShort: ['配套率影响', 'Rate impact'],
  pp: ['{sign}{pp} 个百分点', '{sign}{pp} pp'],
  eligible: ['符合', 'Eligible'],
  ineligible: ['不符合硬性条件', 'Fails a hard filter'],
  reasons: ['评分依据', 'Why this score'],
});
