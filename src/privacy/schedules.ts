import type { AppDeps } from '../platform/module.js';
import type { CurrentUser } from '../platform/auth/users.js';
import { AuditService } from '../platform/audit/service.js';
import type { Catalogue } from './catalogue.js';
import { PrivacyRepository } from './repository.js';

export type RetentionAction = 'anonymise' | 'delete' | 'keep';

export interface Schedule {
  recordType: string;
  agencyId: string | null;
  years: number;
  action: RetentionAction;
  isDefault: boolean;
}

/** Each record type's schedules: its declared default unless the partnership saved its own, and each agency's. */
export async function loadSchedules(deps: AppDeps, c: Catalogue, partnershipId: string): Promise<Schedule[]> {
  const saved = await new PrivacyRepository(deps.db).schedules(partnershipId);
  const out: Schedule[] = [];
  for (const rt of c.recordTypes) {
    const own = saved.filter((s) => s.record_type === rt.code);
    const base = own.find((s) => !s.agency_id);
    out.push({
      recordType: rt.code,
      agencyId: null,
      years: base?.years ?? rt.defaultYears,
      action: (base?.action ?? rt.defaultAction) as RetentionAction,
      isDefault: !base,
    });
    for (const s of own.filter((x) => x.agency_id))
      out.push({
        recordType: rt.code,
        agencyId: s.agency_id,
        years: s.years,
        action: s.action as RetentionAction,
        isDefault: false,
      });
  }
  return out;
}

export async function saveSchedule(
  deps: AppDeps,
  user: CurrentUser,
  s: { recordType: string; agencyId: string | null; years: number; action: RetentionAction },
  meta: { ip?: string; requestId?: string } = {},
): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    await new PrivacyRepository(trx).saveSchedule({
      partnership_id: user.partnershipId,
      record_type: s.recordType,
      agency_id: s.agencyId,
      years: s.years,
      action: s.action,
      updated_by: user.id,
      updated_at: deps.clock.iso(),
    });
    await new AuditService(deps.db, deps.dialect, deps.clock).record(
      {
        partnershipId: user.partnershipId,
        userId: user.id,
        userLabel: user.name,
        action: 'privacy.schedule-changed',
        subjectType: 'privacy_schedule',
        subjectId: s.recordType,
        details: s,
        ...meta,
      },
      trx,
    );
  });
}
