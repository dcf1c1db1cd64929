import type { Transaction } from 'kysely';
import type { AppDeps } from '../platform/module.js';
import type { Database } from '../platform/db/schema.js';
import { AuditService } from '../platform/audit/service.js';
import { todayInLondon, type IsoDate } from '../platform/dates/index.js';
import type { Actor } from '../cases/context.js';
import { MeetingsRepository } from './repository.js';

export type { Actor };
export type Trx = Transaction<Database>;
export type Errors = Record<string, string>;
export type Result<T> = { ok: true; value: T } | { ok: false; errors: Errors };

/** What every meetings service shares: dependencies, the repository and an audit helper. */
export class MeetingsContext {
  readonly repo: MeetingsRepository;
  readonly audit: AuditService;
  constructor(readonly deps: AppDeps) {
    this.repo = new MeetingsRepository(deps.db);
    this.audit = new AuditService(deps.db, deps.dialect, deps.clock);
  }

  today(): IsoDate {
    return todayInLondon(this.deps.clock.now());
  }

  now(): string {
    return this.deps.clock.iso();
  }

  record(
    actor: Actor,
    action: string,
    subject: { type: string; id: string },
    details: Record<string, unknown> = {},
    trx?: Trx,
    reason?: string,
  ): Promise<void> {
    return this.audit.record(
      {
        partnershipId: actor.user.partnershipId,
        userId: actor.user.id,
        userLabel: actor.user.email,
        action,
        subjectType: subject.type,
        subjectId: subject.id,
        reason: reason ?? null,
        ip: actor.ip ?? null,
        requestId: actor.requestId ?? null,
        details,
      },
      trx,
    );
  }

  transaction<T>(fn: (trx: Trx) => Promise<T>): Promise<T> {
    return this.deps.db.transaction().execute(fn);
  }
}
