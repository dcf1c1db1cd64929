import type { Transaction } from 'kysely';
import type { AppDeps } from '../platform/module.js';
import type { CurrentUser } from '../platform/auth/users.js';
import type { Database } from '../platform/db/schema.js';
import { AuditService } from '../platform/audit/service.js';
import { todayInLondon, type IsoDate } from '../platform/dates/calendar-date.js';
import { CaseReviewRepository } from './repository.js';

/** Who is acting, and from where (for the audit log). */
export interface Actor {
  user: CurrentUser;
  ip?: string | null;
  requestId?: string | null;
}

export interface RequestMeta {
  ip?: string | null;
  requestId?: string | null;
}

export type Trx = Transaction<Database>;

/** What the case review services share: dependencies, the repository, today's date and audit. */
export class CaseReviewContext {
  readonly audit: AuditService;
  readonly repo: CaseReviewRepository;
  constructor(readonly deps: AppDeps) {
    this.audit = new AuditService(deps.db, deps.dialect, deps.clock);
    this.repo = new CaseReviewRepository(deps.db);
  }

  today(): IsoDate {
    return todayInLondon(this.deps.clock.now());
  }

  record(
    actor: Actor | null,
    partnershipId: string,
    action: string,
    subjectId: string | null,
    details: Record<string, unknown> = {},
    trx?: Trx,
    meta: RequestMeta = {},
  ): Promise<void> {
    return this.audit.record(
      {
        partnershipId,
        userId: actor?.user.id ?? null,
        userLabel: actor?.user.email ?? 'public',
        action,
        subjectType: 'case-review',
        subjectId,
        ip: actor?.ip ?? meta.ip ?? null,
        requestId: actor?.requestId ?? meta.requestId ?? null,
        details,
      },
      trx,
    );
  }

  transaction<T>(fn: (trx: Trx) => Promise<T>): Promise<T> {
    return this.deps.db.transaction().execute(fn);
  }
}
