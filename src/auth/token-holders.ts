import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { TokenHolder, TokenHolders } from '../access/tokens.js';
import { RoundTrips } from '../common/round-trips.js';

/**
 * The users table's answer to "may this token's user still use it": a primary-key lookup. The
 * requests that arrive while one lookup is in flight are answered by the next, one statement for
 * all of them (`RoundTrips`): never by a lookup sent before they arrived, so a user disabled or a
 * token revoked before a request arrives is seen by that request, in every process.
 */
@Injectable()
export class UserTokenHolders implements TokenHolders {
  private readonly lookups: RoundTrips<string, TokenHolder | null>;

  constructor(@InjectDataSource() dataSource: DataSource) {
    this.lookups = new RoundTrips(async (userIds) => {
      const rows = await dataSource.query<{ id: string; active: boolean; token_version: number }[]>(
        'SELECT id, active, token_version FROM users WHERE id = ANY($1::uuid[])',
        [[...new Set(userIds)]],
      );
      const found = new Map(rows.map((r) => [r.id, { active: r.active, tokenVersion: r.token_version }]));
      return userIds.map((id) => found.get(id.toLowerCase()) ?? null);
    });
  }

  find(userId: string): Promise<TokenHolder | null> {
    return this.lookups.ask(userId);
  }
}
