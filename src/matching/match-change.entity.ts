import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The match index's change feed: one row per organisation whose matching facts changed
 * (organisation, plant, capability, its plants, certificate), numbered by a sequence and
 * written by triggers in the same transaction as the change (migration MatchChangeFeed).
 * Every API process polls it and reloads those organisations (match-index.service.ts).
 */
@Entity('match_changes')
export class MatchChange {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  seq: string;

  @Column('uuid')
  organizationId: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
