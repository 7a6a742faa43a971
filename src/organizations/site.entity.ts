import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, type Relation } from 'typeorm';
import { Organization } from './organization.entity.js';
import { Region } from '../regions/region.entity.js';

/**
 * A plant: where an OEM takes delivery or a supplier produces. In China it has a
 * county-level region code; abroad, a country code and its own coordinates.
 */
@Entity('sites')
@Check('sites_place_check', `(country_code = 'CN' AND region_code IS NOT NULL) OR (country_code <> 'CN' AND region_code IS NULL)`)
@Index('sites_organization_name_key', ['organizationId', 'name'], { unique: true })
export class Site {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<Organization>;

  @Column('text')
  name: string;

  /** ISO 3166-1 alpha-2; CN for plants in China. */
  @Column({ type: 'char', length: 2, default: 'CN' })
  countryCode: string;

  @Index()
  @Column({ type: 'char', length: 6, nullable: true })
  regionCode: string | null;

  @ManyToOne(() => Region, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_code' })
  region?: Relation<Region>;

  @Column('text', { default: '' })
  address: string;

  @Column('double precision')
  lat: number;

  @Column('double precision')
  lon: number;

  /** True when the coordinates are the region's centroid rather than the plant's own. */
  @Column('boolean', { default: false })
  locationApprox: boolean;

  @Column('int', { default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
