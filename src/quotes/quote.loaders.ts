import DataLoader from 'dataloader';
import { In, type DataSource } from 'typeorm';
import { manyBy } from '../common/loaders.js';
import { Role, type Principal } from '../access/role.js';
import { Requirement } from '../requirements/requirement.entity.js';
import { Quote, QuoteRevision } from './quote.entity.js';
import { canReadQuote } from './quote-access.js';

export interface QuoteLoaders {
  /**
   * A quote as the reader may see it: the same rule as `quote(id)` (canReadQuote). Where the
   * root query refuses (NOT_FOUND, or FORBIDDEN for a role that may not read quotes at all),
   * this gives null: a nested field that leads to a quote the reader may not see resolves to
   * null, as if there were none — its note, price and revisions are never reached.
   */
  quote: DataLoader<string, Quote | null>;
  /** Keyed by a quote the caller already reads. */
  quoteRevisions: DataLoader<string, QuoteRevision[]>;
}

/** `reader`: the principal the access guard put on the request (asked when a batch runs, after the guard). */
export function createQuoteLoaders(dataSource: DataSource, reader: () => Principal | undefined): QuoteLoaders {
  return {
    quote: new DataLoader(async (ids: readonly string[]) => {
      const actor = reader();
      if (!actor) return ids.map(() => null);
      const quotes = await dataSource.getRepository(Quote).findBy({ id: In([...ids]) });
      // The buyer's side of the rule needs each requirement's owner: one more query, for buyers only.
      const requirementIds = [...new Set(quotes.map((q) => q.requirementId))];
      const owners =
        actor.role === Role.OEM_BUYER && requirementIds.length > 0
          ? new Map((await dataSource.getRepository(Requirement).find({ select: { id: true, organizationId: true }, where: { id: In(requirementIds) } })).map((r) => [r.id, r.organizationId]))
          : new Map<string, string>();
      const visible = new Map(quotes.filter((q) => canReadQuote(actor, q, owners.get(q.requirementId))).map((q) => [q.id, q]));
      return ids.map((id) => visible.get(id) ?? null);
    }),
    quoteRevisions: manyBy(dataSource, QuoteRevision, 'quoteId', { revision: 'ASC' }),
  };
}
