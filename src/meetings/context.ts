import type { Transaction } from 'kysely';
import type { AppDeps } from '../platform/module.js';
import type { Database } from '../platform/db/schema.js';
import { CasesContext, type Actor } from '../cases/context.js';
import { MeetingsRepository } from './repository.js';

export type { Actor };
export type Trx = Transaction<Database>;
export type Errors = Record<string, string>;
export type Result<T> = { ok: true; value: T } | { ok: false; errors: Errors };

/** What every meetings service shares: the cases context (dependencies, audit bound to an actor) and the repository. */
export class MeetingsContext extends CasesContext {
  readonly repo: MeetingsRepository;
  constructor(deps: AppDeps) {
    super(deps);
    this.repo = new MeetingsRepository(deps.db);
  }

  now(): string {
    return this.deps.clock.iso();
  }
}
