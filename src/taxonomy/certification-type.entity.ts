import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { LevelScheme } from './certification-levels.js';

@Entity('certification_types')
export class CertificationType {
  @PrimaryColumn('varchar', { length: 32 })
  code: string;

  @Column('text')
  name: string;

  @Column('text', { nullable: true })
  nameZh: string | null;

  @Column('varchar', { length: 16 })
  levelScheme: LevelScheme;

  @Column('text')
  typicalUse: string;
}
