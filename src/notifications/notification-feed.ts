import { Logger } from '@nestjs/common';
import pg from 'pg';
import { NOTIFY_CHANNEL } from './notification-worker.js';

interface Waiter {
  queue: string[];
  wake: (() => void) | null;
  closed: boolean;
}

/**
 * Live delivery: one LISTEN connection per process on the channel the worker notifies (at
 * commit, from whichever process ran the fan-out), and the ids of new inbox notifications handed
 * to that user's open subscriptions in this process. The subscription loads each one under the
 * inbox's own rule (the caller's user id) before sending it.
 */
export class NotificationFeed {
  private readonly logger = new Logger('NotificationFeed');
  private readonly waiters = new Map<string, Set<Waiter>>();
  private client: pg.Client | null = null;
  private starting: Promise<void> | null = null;
  private stopped = false;

  constructor(private readonly databaseUrl: string) {}

  /** Connects on first use (the API's first subscription), not at boot. */
  private ensureListening(): Promise<void> {
    if (this.client || this.stopped) return Promise.resolve();
    this.starting ??= (async () => {
      const client = new pg.Client({ connectionString: this.databaseUrl });
      client.on('notification', (message) => this.dispatch(message.payload));
      client.on('error', (error) => {
        this.logger.error(`live notification connection failed: ${error.message}`);
        this.client = null;
        this.starting = null;
      });
      await client.connect();
      await client.query(`LISTEN ${NOTIFY_CHANNEL}`);
      this.client = client;
    })().catch((error: unknown) => {
      this.starting = null;
      throw error;
    });
    return this.starting;
  }

  private dispatch(payload: string | undefined): void {
    if (!payload) return;
    let message: { id?: unknown; userId?: unknown };
    try {
      message = JSON.parse(payload) as typeof message;
    } catch {
      return;
    }
    if (typeof message.id !== 'string' || typeof message.userId !== 'string') return;
    for (const waiter of this.waiters.get(message.userId) ?? []) {
      waiter.queue.push(message.id);
      waiter.wake?.();
    }
  }

  /**
   * The ids of the user's new inbox notifications, as they are made, until the consumer stops
   * (`return()`, which ends a pending `next()` at once) or the feed closes.
   */
  async idsFor(userId: string): Promise<AsyncIterableIterator<string>> {
    await this.ensureListening();
    const waiter: Waiter = { queue: [], wake: null, closed: false };
    let set = this.waiters.get(userId);
    if (!set) this.waiters.set(userId, (set = new Set()));
    set.add(waiter);
    const done = (): IteratorResult<string> => ({ done: true, value: undefined });
    const finish = () => {
      waiter.closed = true;
      set.delete(waiter);
      if (set.size === 0 && this.waiters.get(userId) === set) this.waiters.delete(userId);
      waiter.wake?.();
    };
    const iterator: AsyncIterableIterator<string> = {
      next: async () => {
        for (;;) {
          if (waiter.closed || this.stopped) return done();
          const id = waiter.queue.shift();
          if (id !== undefined) return { done: false, value: id };
          await new Promise<void>((resolve) => {
            waiter.wake = resolve;
          });
          waiter.wake = null;
        }
      },
      return: async () => {
        finish();
        return done();
      },
      throw: async (error: unknown) => {
        finish();
        throw error;
      },
      [Symbol.asyncIterator]() {
        return iterator;
      },
    };
    return iterator;
  }

  async close(): Promise<void> {
    this.stopped = true;
    for (const set of this.waiters.values()) for (const waiter of set) {
      waiter.closed = true;
      waiter.wake?.();
    }
    const client = this.client;
    this.client = null;
    await this.starting?.catch(() => undefined);
    await client?.end().catch(() => undefined);
  }
}
