import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { TokenHolder, TokenHolders } from '../access/tokens.js';

/** The users table's answer to "may this token's user still use it": one primary-key lookup. */
@Injectable()
export class UserTokenHolders implements TokenHolders {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async find(userId: string): Promise<TokenHolder | null> {
    const rows = await this.dataSource.query<{ active: boolean; token_version: number }[]>(
      'SELECT active, token_version FROM users WHERE id = $1',
      [userId],
    );
    return rows.length === 0 ? null : { active: rows[0].active, tokenVersion: rows[0].token_version };
  }
}
