import type { Transaction } from 'kysely';
import type { AppDeps } from '../platform/module.js';
import type { CurrentUser } from '../platform/auth/users.js';
import type { Database } from '../platform/db/schema.js';
import { AuditService } from '../platform/audit/service.js';
import { todayInLondon, type IsoDate } from '../platform/dates/calendar-date.js';

/** Who is acting, and from where (for the audit log). */
export interface Actor {
  user: CurrentUser;
  ip?: string;
  requestId?: string;
}

export type Trx = Transaction<Database>;

/** What every cases service shares: the app's dependencies and an audit helper bound to an actor. */
export class CasesContext {
  readonly audit: AuditService;
  constructor(readonly deps: AppDeps) {
    this.audit = new AuditService(deps.db, deps.dialect, deps.clock);
  }

  today(): IsoDate {
    return todayInLondon(this.deps.clock.now());
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
