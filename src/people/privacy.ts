import type { AppDeps } from '../platform/module.js';
import type { CurrentUser } from '../platform/auth/users.js';
import { AuditService } from '../platform/audit/service.js';
import { newId } from '../platform/db/ids.js';
import { HttpError, notFound } from '../platform/web/errors.js';
import { PeopleRepository } from './repository.js';
import { normalisePostcode, toE164 } from './service.js';
import { setState } from './linkage-state.js';

interface Meta {
  ip?: string;
  requestId?: string;
}

export const CORRECTABLE = {
  given_name: 'Given name',
  surname: 'Surname',
  dob: 'Date of birth',
  phone: 'Phone',
  email: 'Email',
  address: 'Address',
  postcode: 'Postcode',
} as const;
export type CorrectableField = keyof typeof CORRECTABLE;

/**
 * A person's rights over their record: correction (UK GDPR Art. 16; the old value is kept with
 * the reason and who changed it) and restriction (Art. 18: the record stays but leaves lists,
 * matching and packs, and each view needs a reason).
 */
export class PersonPrivacyService {
  private readonly audit: AuditService;
  constructor(private readonly deps: AppDeps) {
    this.audit = new AuditService(deps.db, deps.dialect, deps.clock);
  }

  async restrict(user: CurrentUser, personId: string, reason: string, meta: Meta = {}): Promise<void> {
    await this.setRestricted(user, personId, reason, true, meta);
  }

  async unrestrict(user: CurrentUser, personId: string, reason: string, meta: Meta = {}): Promise<void> {
    await this.setRestricted(user, personId, reason, false, meta);
  }

  private async setRestricted(user: CurrentUser, personId: string, reason: string, on: boolean, meta: Meta) {
    const pid = user.partnershipId;
    const person = await new PeopleRepository(this.deps.db).person(pid, personId);
    if (!person) throw notFound('Person');
    if (!!person.restricted_at === on)
      throw new HttpError(400, on ? 'This person is already restricted' : 'This person is not restricted');
    const now = this.deps.clock.iso();
    await this.deps.db.transaction().execute(async (trx) => {
      await new PeopleRepository(trx).setRestriction(pid, personId, {
        at: on ? now : null,
        by: on ? user.id : null,
        reason: on ? reason : null,
        now,
      });
      await this.audit.record(
        {
          partnershipId: pid,
          userId: user.id,
          userLabel: user.name,
          action: on ? 'person.restricted' : 'person.unrestricted',
          subjectType: 'person',
          subjectId: personId,
          reason,
          ...meta,
        },
        trx,
      );
    });
  }

  async correct(
    user: CurrentUser,
    personId: string,
    recordId: string,
    field: CorrectableField,
    value: string,
    reason: string,
    meta: Meta = {},
  ): Promise<{ personId: string }> {
    const pid = user.partnershipId;
    const repo = new PeopleRepository(this.deps.db);
    const record = await repo.record(pid, recordId);
    if (!record || record.person_id !== personId) throw notFound('Person record');
    const now = this.deps.clock.iso();
    const next = value.trim() || null;
    const values: Record<string, string | null> = {
      [field]: field === 'postcode' ? normalisePostcode(next) : next,
    };
    if (field === 'phone') values.phone_e164 = toE164(next);
    if (field === 'email') values.email = next?.toLowerCase() ?? null;
    await this.deps.db.transaction().execute(async (trx) => {
      const r = new PeopleRepository(trx);
      await r.insertCorrection({
        id: newId(),
        partnership_id: pid,
        person_id: record.person_id,
        record_id: recordId,
        source_type: record.source_type,
        source_id: record.source_id,
        field,
        old_value: record[field],
        new_value: values[field],
        reason,
        corrected_by: user.id,
        corrected_at: now,
      });
      await r.correctRecord(recordId, values);
      if (field === 'given_name' || field === 'surname') {
        const name = [values.given_name ?? record.given_name, values.surname ?? record.surname]
          .filter(Boolean)
          .join(' ');
        if (name) await r.renamePerson(pid, record.person_id, name, now);
      }
      await this.audit.record(
        {
          partnershipId: pid,
          userId: user.id,
          userLabel: user.name,
          action: 'person.corrected',
          subjectType: 'person',
          subjectId: record.person_id,
          reason,
          details: { recordId, field },
          ...meta,
        },
        trx,
      );
    });
    // The match index holds the old value: it is rebuilt on next use.
    setState(this.deps.db, pid, undefined);
    return { personId: record.person_id };
  }

  corrections(partnershipId: string, personId: string) {
    return new PeopleRepository(this.deps.db).corrections(partnershipId, personId);
  }

  restrictedAmong(partnershipId: string, ids?: readonly string[]) {
    return new PeopleRepository(this.deps.db).restricted(partnershipId, ids);
  }
}
