import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The match index's change feed: one row per organisation whose matching facts changed
 * (organisation, plant, capability, its plants, certificate, search row), or per requirement
 * changed (its row or its search row), numbered by a sequence and written by triggers in the
 * same transaction as the change (migrations MatchChangeFeed, MatchChangeFeedSearchText,
 * MatchChangeFeedRequirements). Every API process polls it and reloads what it names
 * (match-index.service.ts).
 */
@Entity('match_changes')
export class MatchChange {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  seq: string;

  @Column('uuid', { nullable: true })
  organizationId: string | null;

  @Column('uuid', { nullable: true })
  requirementId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
