import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { ClarificationQuestion } from './question.entity.js';

/** The named queries of clarification questions. */
@Injectable()
export class QuestionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Every question on these requirements, oldest first (the reader's rule is applied by the caller). */
  async onRequirements(requirementIds: readonly string[]): Promise<ClarificationQuestion[]> {
    if (requirementIds.length === 0) return [];
    return this.dataSource.getRepository(ClarificationQuestion)
      .createQueryBuilder('q')
      .where('q.requirement_id = ANY(:ids::uuid[])', { ids: requirementIds })
      .orderBy('q.created_at', 'ASC').addOrderBy('q.id', 'ASC')
      .getMany();
  }

  /**
   * Of these requirements, those a supplier organisation takes part in: invited to, quoting on
   * (in any state), or having asked a question on. One query for a batch.
   */
  async participatingIn(supplierId: string, requirementIds: readonly string[], manager: Pick<EntityManager, 'query'> = this.dataSource.manager): Promise<Set<string>> {
    if (requirementIds.length === 0) return new Set();
    const rows = await manager.query<{ requirement_id: string }[]>(
      `SELECT requirement_id FROM quote_invitations WHERE supplier_id = $1 AND requirement_id = ANY($2::uuid[])
       UNION SELECT requirement_id FROM quotes WHERE supplier_id = $1 AND requirement_id = ANY($2::uuid[])
       UNION SELECT requirement_id FROM clarification_questions WHERE supplier_id = $1 AND requirement_id = ANY($2::uuid[])`,
      [supplierId, requirementIds],
    );
    return new Set(rows.map((r) => r.requirement_id));
  }

  /** The supplier organisations that read a published answer on a requirement: invited, quoting or asking. */
  async participants(manager: Pick<EntityManager, 'query'>, requirementId: string): Promise<string[]> {
    const rows = await manager.query<{ supplier_id: string }[]>(
      `SELECT supplier_id FROM quote_invitations WHERE requirement_id = $1
       UNION SELECT supplier_id FROM quotes WHERE requirement_id = $1
       UNION SELECT supplier_id FROM clarification_questions WHERE requirement_id = $1
       ORDER BY 1`,
      [requirementId],
    );
    return rows.map((r) => r.supplier_id);
  }
}
