import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';

export enum RegionLevel {
  PROVINCE = 'PROVINCE',
  CITY = 'CITY',
  COUNTY = 'COUNTY',
}

/** A GB/T 2260 administrative division: reference data, loaded by a migration. */
@Entity('regions')
export class Region {
  @PrimaryColumn({ type: 'char', length: 6 })
  code: string;

  @Column('text')
  name: string;

  @Column('text', { nullable: true })
  nameEn: string | null;

  @Column('text')
  level: RegionLevel;

  @Index()
  @Column({ type: 'char', length: 6, nullable: true })
  parentCode: string | null;

  @ManyToOne(() => Region, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_code' })
  parent?: Relation<Region>;

  @Column({ type: 'char', length: 6 })
  provinceCode: string;

  @Column('double precision', { nullable: true })
  lat: number | null;

  @Column('double precision', { nullable: true })
  lon: number | null;

  /** True where the centroid is an approximation (see src/regions/data/README.md). */
  @Column('boolean', { default: false })
  centroidApprox: boolean;
}
