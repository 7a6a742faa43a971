import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { RequirementDocument, SupplierDocument } from './documents.js';

/**
 * The PostgreSQL adapter's copy of a search document: the document itself, its lexemes (a
 * `simple` tsvector built by the analyzer, weight A = name/title, B = categories and
 * products, C = descriptions, D = specs), and its filter and facet values as prefixed keys
 * (`c:CHASSIS`, `k:ISO_26262:3`, `r:330200`) under one GIN index. The GIN indexes and the
 * storage settings (lexemes and keys kept inline, the document pushed out of line, so that
 * scoring reads no TOAST) are hand-written in the migrations.
 */
@Entity('search_suppliers')
@Index('search_suppliers_lexemes_idx', { synchronize: false })
@Index('search_suppliers_keys_idx', { synchronize: false })
export class SearchSupplierRow {
  @PrimaryColumn('uuid')
  id: string;

  @Column('jsonb')
  document: SupplierDocument;

  @Column('tsvector')
  lexemes: string;

  /** The A and B lexemes alone: small, kept in the row, what scoring reads. */
  @Column('tsvector')
  strong: string;

  @Column('text', { array: true })
  filterKeys: string[];

  /** The filter keys facets count (category, certification type, province, city, designation, verified). */
  @Column('text', { array: true })
  facetKeys: string[];

  /** Natural order for ties and empty queries. */
  @Column('text')
  sortKey: string;

  @UpdateDateColumn({ type: 'timestamptz' })
  indexedAt: Date;
}

@Entity('search_requirements')
@Index('search_requirements_lexemes_idx', { synchronize: false })
@Index('search_requirements_keys_idx', { synchronize: false })
export class SearchRequirementRow {
  @PrimaryColumn('uuid')
  id: string;

  @Column('jsonb')
  document: RequirementDocument;

  @Column('tsvector')
  lexemes: string;

  /** The A and B lexemes alone: small, kept in the row, what scoring reads. */
  @Column('tsvector')
  strong: string;

  @Column('text', { array: true })
  filterKeys: string[];

  /** The filter keys facets count (category, status, province, city). */
  @Column('text', { array: true })
  facetKeys: string[];

  @Column('text')
  sortKey: string;

  @UpdateDateColumn({ type: 'timestamptz' })
  indexedAt: Date;
}

/**
 * A synonym group, used by both adapters (query expansion in PostgreSQL, the `synonyms`
 * setting in Meilisearch). Seeded from docs/domain.md; platform admins add more.
 */
@Entity('search_synonyms')
@Check('search_synonyms_terms_check', 'cardinality(terms) >= 2')
export class SearchSynonymGroup {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text', { array: true })
  terms: string[];

  /** Only the first term expands to the others. */
  @Column('boolean', { default: false })
  oneWay: boolean;

  @Column('uuid', { nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** Every Latin word in the indexed documents: where typos are corrected, read by equality only (a query word, its one-edit variants). */
@Entity('search_lexicon')
export class SearchLexiconWord {
  @PrimaryColumn('text')
  word: string;
}

/** Small named values the indexer keeps, e.g. the day certificate validity was last swept. */
@Entity('search_state')
export class SearchState {
  @PrimaryColumn('text')
  name: string;

  @Column('text')
  value: string;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
