import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import type { Principal } from '../access/role.js';
import type { ClarificationQuestionModel } from './question.models.js';
import { QuestionsRepository } from './questions.repository.js';
import { visibleQuestions } from './question-visibility.js';

export interface QuestionLoaders {
  /**
   * Keyed by a requirement the reader already reads: its questions as `clarificationQuestions`
   * shows them to this reader (visibleQuestions), oldest first. Three queries per batch.
   */
  requirementQuestions: DataLoader<string, ClarificationQuestionModel[]>;
}

/** `reader`: the principal the access guard put on the request (asked when a batch runs, after the guard). */
export function createQuestionLoaders(dataSource: DataSource, reader: () => Principal | undefined): QuestionLoaders {
  return {
    requirementQuestions: new DataLoader(async (ids: readonly string[]) => {
      const actor = reader();
      if (!actor) return ids.map(() => []);
      const visible = await visibleQuestions(dataSource, actor, await new QuestionsRepository(dataSource).onRequirements(ids));
      return ids.map((id) => visible.filter((q) => q.requirementId === id));
    }),
  };
}
