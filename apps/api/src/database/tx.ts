import { Logger } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { loggableError } from '../common/errors/error-response';

type Hook = () => Promise<void> | void;

const logger = new Logger('Transaction');

/**
 * One database transaction and what must happen once it has committed: announcing changes to sockets,
 * waking the event consumers. Ticket commands take a Tx, write in it, and leave their after-commit work
 * here, so a caller that runs several commands in one transaction announces once, after the commit, and
 * a rolled-back transaction (or savepoint) announces nothing.
 */
export class Tx {
  private readonly hooks: Hook[] = [];
  private readonly locals = new Map<object, unknown>();
  private readonly lists = new Map<object, unknown[]>();

  constructor(readonly m: EntityManager) {}

  /** Runs after the outermost transaction commits, in the order added; dropped if its savepoint rolls back. */
  afterCommit(hook: Hook): void {
    this.hooks.push(hook);
  }

  /** State kept for the length of this transaction (or savepoint), created on first use. */
  local<T>(key: object, create: () => T): T {
    if (!this.locals.has(key)) this.locals.set(key, create());
    return this.locals.get(key) as T;
  }

  /** Adds to a list kept for the whole transaction (what its commands produced, say). */
  collect(key: object, ...items: unknown[]): void {
    const list = this.lists.get(key) ?? [];
    list.push(...items);
    this.lists.set(key, list);
  }

  collected<T>(key: object): T[] {
    return (this.lists.get(key) ?? []) as T[];
  }

  /**
   * Runs work in a savepoint: when it throws, its writes, its after-commit work and what it collected are
   * undone and the error is rethrown, while the outer transaction goes on.
   */
  async savepoint<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.m.transaction(async (m) => {
      const inner = new Tx(m);
      const value = await work(inner);
      this.hooks.push(...inner.hooks);
      for (const [key, items] of inner.lists) this.collect(key, ...items);
      return value;
    });
  }

  /** Runs the after-commit work. The data is committed whatever happens here, so failures are logged, not thrown. */
  async committed(): Promise<void> {
    for (const hook of this.hooks) {
      try {
        await hook();
      } catch (error) {
        logger.error({ err: loggableError(error), msg: 'After-commit work failed' });
      }
    }
  }
}

/**
 * Runs work in a new transaction (on the manager's own connection when it has one), then its after-commit
 * work; resolves with the work's value. `committed` runs right after the COMMIT, before that work.
 */
export async function inTransaction<T>(db: DataSource | EntityManager, work: (tx: Tx) => Promise<T>, committed?: () => Promise<void>): Promise<T> {
  let tx: Tx | undefined;
  const value = await db.transaction((m) => {
    tx = new Tx(m);
    return work(tx);
  });
  await committed?.();
  await tx?.committed();
  return value;
}
