/** The people in a case (linked to person records) and the places and premises it concerns. */
import { newId } from '../platform/db/ids.js';
import { notFound } from '../platform/web/errors.js';
import type { PersonRole } from '../people/service.js';
import type { Actor } from './context.js';
import type { CaseService, Result } from './service.js';
import type { PartyForm, PlaceForm, PreferencesForm } from './schemas.js';
import { FREQUENCY_LABELS, PARTY_ROLES, type Frequency } from './labels.js';
import { FREQUENCIES } from './rules/victim-contact.js';
import type { CasePartiesTable } from './tables.js';

export class PartiesService {
  constructor(private readonly cases: CaseService) {}

  async add(
    actor: Actor,
    caseId: string,
    form: PartyForm,
  ): Promise<Result<{ partyId: string; personId: string }>> {
    const { c } = await this.cases.guard.open(actor, caseId, 'manage');
    if (form.dob && form.dob > this.cases.ctx.today())
      return { ok: false, errors: { dob: 'The date of birth must be in the past' } };
    const value = await this.cases.ctx.transaction(async (trx) => {
      const r = await this.cases.insertParty(trx, actor, caseId, c.lead_team_id, {
        role: form.role as PersonRole,
        givenName: form.givenName,
        surname: form.surname,
        dob: form.dob,
        phone: form.phone,
        email: form.email,
        address: form.address,
        postcode: form.postcode,
        healthNotes: form.healthNotes,
      });
      await this.cases.touch(trx, caseId);
      await this.cases.ctx.record(
        actor,
        'case.party-added',
        { type: 'case', id: caseId },
        { partyId: r.partyId, personId: r.personId, role: form.role },
        trx,
      );
      return r;
    });
    return { ok: true, value };
  }

  /** A party of this case (404 when it is not one). */
  async get(actor: Actor, caseId: string, partyId: string, need: 'read' | 'manage' = 'read') {
    const { c, access } = await this.cases.guard.open(actor, caseId, need);
    const p = await this.cases.repo.party(partyId);
    if (!p || p.case_id !== caseId || p.removed_at) throw notFound('Person');
    return { c, access, party: p };
  }

  async setPreferences(
    actor: Actor,
    caseId: string,
    partyId: string,
    form: PreferencesForm,
  ): Promise<Result<null>> {
    const { party } = await this.get(actor, caseId, partyId, 'manage');
    if (form.consentToShare !== 'not-asked' && !form.consentRecordedOn) {
      return { ok: false, errors: { consentRecordedOn: 'Enter the date consent was given or refused' } };
    }
    if (form.consentRecordedOn && form.consentRecordedOn > this.cases.ctx.today()) {
      return {
        ok: false,
        errors: { consentRecordedOn: 'The date consent was recorded must be today or in the past' },
      };
    }
    await this.cases.ctx.transaction(async (trx) => {
      await this.cases.repo.updateParty(trx, partyId, {
        ...this.agreement(party, form.contactFrequency),
        preferred_channel: form.preferredChannel,
        consent_to_share: form.consentToShare === 'yes' ? 1 : form.consentToShare === 'no' ? 0 : null,
        consent_recorded_on: form.consentToShare === 'not-asked' ? null : (form.consentRecordedOn ?? null),
        sharing_preferences: form.sharingPreferences,
      });
      await this.cases.touch(trx, caseId);
      await this.cases.event(trx, actor, caseId, {
        kind: 'party',
        action: 'preferences-changed',
        on: this.cases.ctx.today(),
        summary:
          `Contact and sharing preferences of ${party.display_name} updated` +
          (form.contactFrequency
            ? `: contact ${FREQUENCY_LABELS[form.contactFrequency as Frequency].toLowerCase()}`
            : ''),
      });
      await this.cases.ctx.record(
        actor,
        'case.party-preferences',
        { type: 'case', id: caseId },
        { partyId, consent: form.consentToShare, frequency: form.contactFrequency },
        trx,
      );
    });
    return { ok: true, value: null };
  }

  /** The stored agreement for a named frequency; a changed frequency starts from today. */
  private agreement(party: CasePartiesTable, frequency: string | null) {
    if (!frequency) return { contact_every: null, contact_unit: null, contact_agreed_on: null };
    const f = FREQUENCIES[frequency as keyof typeof FREQUENCIES];
    const same = party.contact_every === f.every && party.contact_unit === f.unit && party.contact_agreed_on;
    return {
      contact_every: f.every,
      contact_unit: f.unit,
      contact_agreed_on: same ? party.contact_agreed_on : this.cases.ctx.today(),
    };
  }

  async remove(actor: Actor, caseId: string, partyId: string, reason: string): Promise<Result<null>> {
    const { party } = await this.get(actor, caseId, partyId, 'manage');
    if (!reason.trim())
      return { ok: false, errors: { reason: 'Say why the person is being removed from the case' } };
    await this.cases.ctx.transaction(async (trx) => {
      await this.cases.repo.updateParty(trx, partyId, { removed_at: this.cases.ctx.deps.clock.iso() });
      await this.cases.event(trx, actor, caseId, {
        kind: 'party',
        action: 'party-removed',
        on: this.cases.ctx.today(),
        summary: `${party.display_name} (${PARTY_ROLES[party.role as keyof typeof PARTY_ROLES] ?? party.role}) removed: ${reason.trim()}`,
      });
      await this.cases.ctx.record(
        actor,
        'case.party-removed',
        { type: 'case', id: caseId },
        { partyId },
        trx,
        reason.trim(),
      );
    });
    return { ok: true, value: null };
  }

  async addPlace(actor: Actor, caseId: string, form: PlaceForm): Promise<Result<{ id: string }>> {
    const { c } = await this.cases.guard.open(actor, caseId, 'manage');
    const id = newId();
    await this.cases.ctx.transaction(async (trx) => {
      await this.cases.repo.insertPlace(trx, {
        id,
        partnership_id: c.partnership_id,
        case_id: caseId,
        kind: form.kind,
        label: form.label,
        address: form.address,
        postcode: form.postcode ? form.postcode.replace(/\s+/g, ' ').toUpperCase() : null,
        uprn: form.uprn,
        premises_id: null,
        created_at: this.cases.ctx.deps.clock.iso(),
        created_by: actor.user.id,
        removed_at: null,
      });
      await this.cases.touch(trx, caseId);
      await this.cases.event(trx, actor, caseId, {
        kind: 'place',
        action: 'place-added',
        on: this.cases.ctx.today(),
        summary: `${form.kind === 'premises' ? 'Premises' : 'Place'} linked: ${form.label}`,
      });
      await this.cases.ctx.record(
        actor,
        'case.place-added',
        { type: 'case', id: caseId },
        { placeId: id, kind: form.kind },
        trx,
      );
    });
    return { ok: true, value: { id } };
  }

  async removePlace(actor: Actor, caseId: string, placeId: string): Promise<void> {
    await this.cases.guard.open(actor, caseId, 'manage');
    await this.cases.ctx.transaction(async (trx) => {
      await this.cases.repo.removePlace(trx, caseId, placeId, this.cases.ctx.deps.clock.iso());
      await this.cases.event(trx, actor, caseId, {
        kind: 'place',
        action: 'place-removed',
        on: this.cases.ctx.today(),
        summary: 'Place removed from the case',
      });
      await this.cases.ctx.record(
        actor,
        'case.place-removed',
        { type: 'case', id: caseId },
        { placeId },
        trx,
      );
    });
  }
}
