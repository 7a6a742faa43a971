import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Requirement } from '../requirements/requirement.entity.js';
import { Organization } from '../organizations/organization.entity.js';

/** Who reads an answer: the asking supplier only, or every supplier taking part in the requirement. */
export enum AnswerVisibility {
  PRIVATE = 'PRIVATE',
  PUBLISHED = 'PUBLISHED',
}

/**
 * A supplier's clarification question on a requirement, and the buyer's answer. The asker's
 * organisation is kept for the buyer and the asker; the published answer never names it.
 */
@Entity('clarification_questions')
@Index('clarification_questions_requirement_idx', ['requirementId', 'createdAt'])
@Index('clarification_questions_supplier_idx', ['supplierId', 'createdAt'])
@Check('clarification_questions_answer_check', '(answer IS NULL) = (visibility IS NULL) AND (answer IS NULL) = (answered_at IS NULL)')
export class ClarificationQuestion {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  requirementId: string;

  @ManyToOne(() => Requirement, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'requirement_id' })
  requirement?: Relation<Requirement>;

  /** The asking supplier organisation. */
  @Column('uuid')
  supplierId: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'supplier_id' })
  supplier?: Relation<Organization>;

  @Column('uuid')
  askedBy: string;

  @Column('text')
  question: string;

  @Column('text', { nullable: true })
  answer: string | null;

  @Column('enum', { enum: AnswerVisibility, enumName: 'answer_visibility', nullable: true })
  visibility: AnswerVisibility | null;

  @Column('uuid', { nullable: true })
  answeredBy: string | null;

  @Column('timestamptz', { nullable: true })
  answeredAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column('int', { default: 1 })
  version: number;
}
