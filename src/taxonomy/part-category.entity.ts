import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';

/** A node of the part taxonomy; codes are dotted paths (`CHASSIS.BRAKE_BY_WIRE`). */
@Entity('part_categories')
export class PartCategory {
  @PrimaryColumn('varchar', { length: 64 })
  code: string;

  @Index()
  @Column('varchar', { length: 64, nullable: true })
  parentCode: string | null;

  @ManyToOne(() => PartCategory, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_code' })
  parent?: Relation<PartCategory>;

  @Column('text')
  nameZh: string;

  @Column('text')
  nameEn: string;

  /** COCKPIT, CHASSIS or CHIP for the plan's three growth areas; null elsewhere. */
  @Column('varchar', { length: 16, nullable: true })
  focusArea: string | null;

  /** Products and synonyms under this category, used by search. */
  @Column('text', { array: true, default: () => "'{}'" })
  keywords: string[];

  @Column('int', { default: 0 })
  sortOrder: number;
}
