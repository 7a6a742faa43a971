/**
 * The requirement's life: DRAFT → OPEN → (AWARDED | CLOSED | CANCELLED); a draft may also be
 * cancelled. Terminal states never change again.
 */
export enum RequirementStatus {
  DRAFT = 'DRAFT',
  OPEN = 'OPEN',
  AWARDED = 'AWARDED',
  CLOSED = 'CLOSED',
  CANCELLED = 'CANCELLED',
}

const TRANSITIONS: Record<RequirementStatus, readonly RequirementStatus[]> = {
  [RequirementStatus.DRAFT]: [RequirementStatus.OPEN, RequirementStatus.CANCELLED],
  [RequirementStatus.OPEN]: [RequirementStatus.AWARDED, RequirementStatus.CLOSED, RequirementStatus.CANCELLED],
  [RequirementStatus.AWARDED]: [],
  [RequirementStatus.CLOSED]: [],
  [RequirementStatus.CANCELLED]: [],
};

export function canTransition(from: RequirementStatus, to: RequirementStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Details can be edited while nobody has been awarded and it is not withdrawn. */
export function isEditable(status: RequirementStatus): boolean {
  return status === RequirementStatus.DRAFT || status === RequirementStatus.OPEN;
}
