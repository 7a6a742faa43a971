import { Extensions1764000000000 } from './1764000000000-Extensions.js';
import { InitialSchema1795550324229 } from './1795550324229-InitialSchema.js';
import { ReferenceData1795550400000 } from './1795550400000-ReferenceData.js';
import { MarketplaceProfiles1795550981172 } from './1795550981172-MarketplaceProfiles.js';
import { QuotesAndContracts1795551635362 } from './1795551635362-QuotesAndContracts.js';
import { SearchIndex1795551685423 } from './1795551685423-SearchIndex.js';
import { AuditChain1795552720235 } from './1795552720235-AuditChain.js';
import { SearchLexicon1795552772386 } from './1795552772386-SearchLexicon.js';
import { LoginThrottles1795552847107 } from './1795552847107-LoginThrottles.js';
import { SearchStrongLexemes1795553482105 } from './1795553482105-SearchStrongLexemes.js';
import { SourcingStats1795553521019 } from './1795553521019-SourcingStats.js';
import { ContractLookups1795554354809 } from './1795554354809-ContractLookups.js';
import { SourcingDrillDown1795556259471 } from './1795556259471-SourcingDrillDown.js';
import { QualificationGates1795557391846 } from './1795557391846-QualificationGates.js';
import { DomainEvents1796407360987 } from './1796407360987-DomainEvents.js';
import { Notifications1796407588684 } from './1796407588684-Notifications.js';
import { RateLimitWindows1796399332030 } from './1796399332030-RateLimitWindows.js';
import { UserAccess1795560000000 } from './1795560000000-UserAccess.js';
import { RecordedContractIntegrity1795560500000 } from './1795560500000-RecordedContractIntegrity.js';
import { OfficialFigure1795561000000 } from './1795561000000-OfficialFigure.js';
import { ClarificationQuestions1796407363559 } from './1796407363559-ClarificationQuestions.js';
import { Documents1796407696177 } from './1796407696177-Documents.js';
import { SourcingPlan1796407479484 } from './1796407479484-SourcingPlan.js';
import { MatchChangeFeed1796407602710 } from './1796407602710-MatchChangeFeed.js';
import { MatchChangeFeedSearchText1796409000000 } from './1796409000000-MatchChangeFeedSearchText.js';
import { RequirementCertificationSignature1796454892654 } from './1796454892654-RequirementCertificationSignature.js';
import { RenewalCoveringIndex1796454892655 } from './1796454892655-RenewalCoveringIndex.js';
import { MatchChangeLinkLookup1796500000000 } from './1796500000000-MatchChangeLinkLookup.js';
import { MatchChangeFeedRequirements1796600000000 } from './1796600000000-MatchChangeFeedRequirements.js';
import { SearchLexiconEqualityOnly1796700000000 } from './1796700000000-SearchLexiconEqualityOnly.js';

/** Every migration, in order. `npm run migration:generate` writes new files; list them here. */
export const MIGRATIONS = [
  Extensions1764000000000, InitialSchema1795550324229, ReferenceData1795550400000,
  MarketplaceProfiles1795550981172,
  QuotesAndContracts1795551635362,
  SearchIndex1795551685423,
  AuditChain1795552720235,
  SearchLexicon1795552772386,
  LoginThrottles1795552847107,
  SearchStrongLexemes1795553482105,
  SourcingStats1795553521019,
  ContractLookups1795554354809,
  SourcingDrillDown1795556259471,
  QualificationGates1795557391846,
  RateLimitWindows1796399332030,
  UserAccess1795560000000,
  RecordedContractIntegrity1795560500000,
  OfficialFigure1795561000000,
  DomainEvents1796407360987,
  ClarificationQuestions1796407363559,
  SourcingPlan1796407479484,
  Notifications1796407588684,
  Documents1796407696177,
  MatchChangeFeed1796407602710,
  MatchChangeFeedSearchText1796409000000,
  RequirementCertificationSignature1796454892654,
  RenewalCoveringIndex1796454892655,
  MatchChangeLinkLookup1796500000000,
  MatchChangeFeedRequirements1796600000000,
  SearchLexiconEqualityOnly1796700000000,
];
