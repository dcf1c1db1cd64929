/**
 * Victim contact: the contact log, the agreed frequency with its overdue alert
 * (rules/victim-contact.ts), and the prompt to tell a victim about the ASB Case Review when they
 * report for the second time within 6 months.
 */
import { newId } from '../platform/db/ids.js';
import { londonDateOf } from '../platform/dates/calendar-date.js';
import type { PeopleService } from '../people/service.js';
import {
  shouldPromptCaseReview,
  victimContactStatus,
  type CaseReviewPrompt,
  type ContactStatus,
} from './rules/victim-contact.js';
import type { Actor } from './context.js';
import type { CaseService, Errors, Result } from './service.js';
import type { ContactForm } from './schemas.js';
import { ContactsRepository } from './contacts-repository.js';
import { CONTACT_CHANNELS } from './labels.js';
import type { CasePartiesTable } from './tables.js';

export class ContactsService {
  readonly repo: ContactsRepository;
  private readonly people: PeopleService;
  constructor(private readonly cases: CaseService) {
    this.repo = new ContactsRepository(cases.ctx.deps.db);
    this.people = cases.people;
  }

  async log(
    actor: Actor,
    caseId: string,
    form: ContactForm & { toldAboutCaseReview: boolean },
  ): Promise<Result<{ id: string }>> {
    const { c } = await this.cases.guard.open(actor, caseId, 'manage');
    const errors: Errors = {};
    const party = await this.cases.repo.party(form.partyId);
    if (!party || party.case_id !== caseId || party.removed_at)
      errors.partyId = 'Choose who was contacted from the list';
    if (form.contactedOn > this.cases.ctx.today())
      errors.contactedOn = 'The date of the contact must be today or in the past';
    else if (form.contactedOn < c.opened_on)
      errors.contactedOn = `The date of the contact (${form.contactedOn}) cannot be before the case was opened (${c.opened_on})`;
    if (Object.keys(errors).length) return { ok: false, errors };
    const id = newId();
    await this.cases.ctx.transaction(async (trx) => {
      await this.repo.insert(trx, {
        id,
        partnership_id: c.partnership_id,
        case_id: caseId,
        party_id: form.partyId,
        contacted_on: form.contactedOn,
        channel: form.channel,
        direction: form.direction,
        successful: form.successful === 'yes' ? 1 : 0,
        summary: form.summary,
        user_id: actor.user.id,
        user_name: actor.user.name,
        created_at: this.cases.ctx.deps.clock.iso(),
      });
      if (form.toldAboutCaseReview && form.successful === 'yes') {
        await this.cases.repo.updateParty(trx, form.partyId, { case_review_told_on: form.contactedOn });
      }
      await this.cases.touch(trx, caseId);
      await this.cases.event(trx, actor, caseId, {
        kind: 'contact',
        action: 'contact-logged',
        on: form.contactedOn,
        summary: `${CONTACT_CHANNELS[form.channel]} ${form.direction === 'inbound' ? 'from' : 'to'} ${party!.display_name}${form.successful === 'yes' ? '' : ' (did not reach them)'}${form.toldAboutCaseReview && form.successful === 'yes' ? '; told about the ASB Case Review' : ''}`,
        details: { contactId: id },
      });
      await this.cases.ctx.record(
        actor,
        'case.contact-logged',
        { type: 'case', id: caseId },
        { contactId: id, partyId: form.partyId, toldAboutCaseReview: form.toldAboutCaseReview },
        trx,
      );
    });
    return { ok: true, value: { id } };
  }

  /** The contact log (notes withheld unless sensitive), each agreed frequency's status and any Case Review prompt. */
  async forCase(actor: Actor, caseId: string) {
    const { c, access } = await this.cases.guard.open(actor, caseId, 'read');
    const [contacts, parties] = await Promise.all([
      this.repo.forCase(caseId),
      this.cases.repo.parties(caseId),
    ]);
    const today = this.cases.ctx.today();
    const statuses = parties
      .filter((p) => p.contact_every)
      .map((p) => ({
        party: p,
        status: this.status(
          p,
          contacts.filter((x) => x.party_id === p.id),
          today,
        ),
      }));
    const prompts =
      access.sensitive && c.status !== 'closed' ? await this.prompts(c.partnership_id, parties) : [];
    await this.cases.ctx.record(
      actor,
      'case.viewed',
      { type: 'case', id: caseId },
      { page: 'contacts', mode: access.mode },
    );
    return {
      c,
      access,
      parties,
      statuses,
      prompts,
      contacts: contacts.map((x) => (access.sensitive ? x : { ...x, summary: null })),
    };
  }

  /** Victims who should be told about the ASB Case Review now. */
  async prompts(partnershipId: string, parties: CasePartiesTable[]) {
    const out = [];
    for (const p of parties.filter((x) => x.role === 'victim')) {
      const prompt = await this.caseReviewPrompt(partnershipId, p);
      if (prompt.prompt) out.push({ party: p, prompt });
    }
    return out;
  }

  /** Each agreed contact's status on the case. */
  async statuses(caseId: string, parties: CasePartiesTable[]) {
    const contacts = await this.repo.forParties(parties.map((p) => p.id));
    const today = this.cases.ctx.today();
    return parties
      .filter((p) => p.contact_every)
      .map((p) => ({
        party: p,
        status: this.status(
          p,
          contacts.filter((x) => x.party_id === p.id),
          today,
        )!,
      }))
      .filter((x) => x.status);
  }

  status(
    p: CasePartiesTable,
    contacts: { contacted_on: string; successful: number }[],
    today: string,
  ): ContactStatus | null {
    if (!p.contact_every || !p.contact_unit || !p.contact_agreed_on) return null;
    return victimContactStatus(
      {
        startOn: p.contact_agreed_on,
        every: p.contact_every,
        unit: p.contact_unit as 'day' | 'week' | 'month',
      },
      contacts.map((x) => ({ on: x.contacted_on, made: x.successful === 1 })),
      today,
    );
  }

  /** Whether to tell this victim about the ASB Case Review: their reports (every channel) within 6 months. */
  async caseReviewPrompt(partnershipId: string, p: CasePartiesTable): Promise<CaseReviewPrompt> {
    const history = await this.people.history(partnershipId, p.person_id);
    // Oldest first, so that two reports on one day keep their order (the rule sorts by date only).
    const reports = [...history]
      .sort((a, b) => a.created_at.localeCompare(b.created_at))
      .filter((h) => (h.source_type === 'report' || h.source_type === 'call') && h.source_id)
      .map((h) => ({ id: h.source_id!, reportedOn: londonDateOf(h.created_at) }));
    const told = await this.cases.repo.caseReviewToldOn(partnershipId, p.person_id);
    const refs = await this.cases.reports.byIds(
      partnershipId,
      reports.map((r) => r.id),
    );
    const prompt = shouldPromptCaseReview(reports, this.cases.ctx.today(), told);
    // Name reports by their reference rather than their id.
    for (const r of refs) prompt.reason = prompt.reason.split(r.id).join(r.reference);
    return prompt;
  }

  /** Agreed contacts that are overdue on the given open cases. */
  async overdue(caseIds: string[]) {
    const parties = await this.repo.partiesWithAgreements(caseIds);
    const contacts = await this.repo.forParties(parties.map((p) => p.id));
    const today = this.cases.ctx.today();
    return parties
      .map((p) => ({
        party: p,
        status: this.status(
          p,
          contacts.filter((x) => x.party_id === p.id),
          today,
        )!,
      }))
      .filter((x) => x.status && (x.status.status === 'overdue' || x.status.status === 'due-today'))
      .sort((a, b) => b.status.daysOverdue - a.status.daysOverdue);
  }
}
