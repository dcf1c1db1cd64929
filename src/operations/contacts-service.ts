/**
 * Outreach contacts recorded in the street: a question journey whose every page is saved to a
 * server-side draft (a dropped connection loses nothing), suggestions of known people from the
 * repeat-identification engine, and the person record made when the contact is submitted.
 * Welfare and modern slavery text is shown only to safeguarding roles and to the worker who wrote it.
 */
import type { AppDeps } from '../platform/module.js';
import type { CurrentUser } from '../platform/auth/users.js';
import { can } from '../platform/permissions/roles.js';
import { AuditService } from '../platform/audit/service.js';
import { newId } from '../platform/db/ids.js';
import { notFound } from '../platform/web/errors.js';
import { todayInLondon } from '../platform/dates/calendar-date.js';
import { londonTime } from '../platform/web/views.js';
import { PeopleService } from '../people/service.js';
import { OperationsRepository } from './repository.js';
import { parseWhere, str } from './contact-where.js';
import type { OutreachContactsTable } from './tables.js';
import { NEEDS, SEEN, SIGNPOSTING, SLAVERY_INDICATORS, SUPPORT, type LabelMap } from './labels.js';

export interface Meta {
  ip?: string;
  requestId?: string;
}
export type Errors = Record<string, string>;
type Body = Record<string, unknown>;

const list = (v: unknown, allowed: LabelMap): string[] =>
  (Array.isArray(v) ? v : v === undefined || v === '' ? [] : [v]).map(String).filter((x) => x in allowed);
const json = (s: string) => JSON.parse(s) as string[];

export class OutreachService {
  readonly repo: OperationsRepository;
  readonly people: PeopleService;
  private readonly audit: AuditService;

  constructor(
    private readonly deps: AppDeps,
    uses: { people?: PeopleService } = {},
  ) {
    this.repo = new OperationsRepository(deps.db);
    this.people = uses.people ?? new PeopleService(deps);
    this.audit = new AuditService(deps.db, deps.dialect, deps.clock);
  }

  record(
    user: CurrentUser,
    action: string,
    subject: { type: string; id: string },
    details: Body,
    meta: Meta = {},
  ) {
    return this.audit.record({
      partnershipId: user.partnershipId,
      userId: user.id,
      userLabel: user.email,
      action,
      subjectType: subject.type,
      subjectId: subject.id,
      details,
      ip: meta.ip ?? null,
      requestId: meta.requestId ?? null,
    });
  }

  /** A new draft, with the date and time set to now (the worker can change them). */
  async start(user: CurrentUser): Promise<string> {
    const now = this.deps.clock.iso();
    const id = newId();
    await this.repo.insertContact({
      id,
      partnership_id: user.partnershipId,
      status: 'draft',
      recorded_by: user.id,
      team_id: user.teamId ?? null,
      occurred_on: todayInLondon(new Date(now)),
      occurred_time: londonTime(now, 'HH:mm'),
      occurred_at: now,
      place_kind: null,
      place_name: null,
      place_detail: null,
      lat: null,
      lng: null,
      person_choice: null,
      person_id: null,
      person_record_id: null,
      given_name: null,
      surname: null,
      known_as: null,
      approx_age: null,
      appearance: null,
      seen: '[]',
      needs: '[]',
      support_offered: '[]',
      support_accepted: '[]',
      signposted: '[]',
      welfare_concern: null,
      welfare_notes: null,
      slavery_indicators: '[]',
      slavery_notes: null,
      created_at: now,
      updated_at: now,
      submitted_at: null,
    });
    return id;
  }

  /** The worker's own draft (anyone else's, or a submitted contact, is not found). */
  async draft(user: CurrentUser, id: string): Promise<OutreachContactsTable> {
    const c = await this.repo.contact(user.partnershipId, id);
    if (!c || c.status !== 'draft' || c.recorded_by !== user.id) throw notFound('Draft contact');
    return c;
  }

  private save(id: string, patch: Partial<OutreachContactsTable>) {
    return this.repo.updateContact(id, { ...patch, updated_at: this.deps.clock.iso() });
  }

  /** Where and when. What is valid is saved even when another field is not. */
  async saveWhere(user: CurrentUser, id: string, body: Body): Promise<Errors> {
    await this.draft(user, id);
    const { patch, errors } = parseWhere(body, this.deps.clock.now());
    await this.save(id, patch);
    return errors;
  }

  /** Who: names as given, or a description of someone not yet known. Returns people the engine suggests. */
  async savePerson(user: CurrentUser, id: string, body: Body) {
    await this.draft(user, id);
    const age = str(body.approxAge, 5);
    const errors: Errors = {};
    const patch: Partial<OutreachContactsTable> = {
      given_name: str(body.givenName, 100),
      surname: str(body.surname, 100),
      known_as: str(body.knownAs, 100),
      appearance: str(body.appearance, 1000),
      approx_age: null,
      person_choice: null,
      person_id: null,
    };
    if (age && !/^\d{1,3}$/.test(age)) errors.approxAge = 'Enter the approximate age as a number, like 35';
    else if (age) patch.approx_age = Number(age);
    if (!patch.given_name && !patch.surname && !patch.known_as && !patch.appearance)
      errors.givenName = 'Enter the person’s name or the name they go by, or describe them';
    await this.save(id, patch);
    if (Object.keys(errors).length) return { errors, suggestions: [] };
    const suggestions = await this.suggestions(user, {
      given_name: patch.given_name ?? null,
      surname: patch.surname ?? null,
      known_as: patch.known_as ?? null,
    });
    return { errors, suggestions };
  }

  /** People the repeat-identification engine finds for the names typed, with their last street contact. */
  async suggestions(
    user: CurrentUser,
    c: Pick<OutreachContactsTable, 'given_name' | 'surname' | 'known_as'>,
  ) {
    const pid = user.partnershipId;
    const given = c.given_name ?? c.known_as ?? undefined;
    const found = await this.people.findPeople(pid, { givenName: given, surname: c.surname ?? undefined }, 5);
    const byName = new Map<string, { personId: string; name: string; probability: number | null }>(
      found.map((f) => [f.personId, f]),
    );
    // People known in the street by a first name only, or by the name they go by.
    const streetIds = new Set<string>();
    for (const n of [c.given_name, c.known_as])
      if (n) for (const id of await this.repo.personsByStreetName(pid, n)) streetIds.add(id);
    const streetNames = await this.people.names(
      pid,
      [...streetIds].filter((id) => !byName.has(id)),
    );
    for (const [personId, name] of streetNames) byName.set(personId, { personId, name, probability: null });
    const contacts = await this.repo.contactsForPerson(pid, [...byName.keys()]);
    return [...byName.values()].map((f) => {
      const last = contacts.find((x) => x.person_id === f.personId);
      return {
        personId: f.personId,
        name: f.name,
        probability: f.probability,
        contacts: contacts.filter((x) => x.person_id === f.personId).length,
        lastSeen: last ? `${last.place_name ?? 'a pinned place'}, ${londonTime(last.occurred_at)}` : null,
      };
    });
  }

  /** The worker's answer to "is this someone already known?". */
  async saveMatch(user: CurrentUser, id: string, body: Body): Promise<Errors> {
    const c = await this.draft(user, id);
    const choice = str(body.match, 60);
    if (!choice)
      return { match: 'Select the person if they are already known, or that they are someone new' };
    if (choice === 'new') {
      await this.save(id, { person_choice: 'new', person_id: null });
      return {};
    }
    const allowed = await this.suggestions(user, c);
    if (!allowed.some((s) => s.personId === choice))
      return { match: 'Select the person if they are already known, or that they are someone new' };
    await this.save(id, { person_choice: 'known', person_id: choice });
    return {};
  }

  async saveNeeds(user: CurrentUser, id: string, body: Body): Promise<Errors> {
    await this.draft(user, id);
    const offered = list(body.supportOffered, SUPPORT);
    const accepted = list(body.supportAccepted, SUPPORT);
    await this.save(id, {
      seen: JSON.stringify(list(body.seen, SEEN)),
      needs: JSON.stringify(list(body.needs, NEEDS)),
      support_offered: JSON.stringify(offered),
      support_accepted: JSON.stringify(accepted),
      signposted: JSON.stringify(list(body.signposted, SIGNPOSTING)),
    });
    const notOffered = accepted.filter((a) => !offered.includes(a));
    return notOffered.length
      ? {
          supportAccepted:
            'Support accepted must also be ticked as offered: tick it under support offered too',
        }
      : {};
  }

  async saveWelfare(user: CurrentUser, id: string, body: Body): Promise<Errors> {
    await this.draft(user, id);
    const concern = body.welfareConcern === 'yes' ? 1 : body.welfareConcern === 'no' ? 0 : null;
    const notes = str(body.welfareNotes, 2000);
    await this.save(id, {
      welfare_concern: concern,
      welfare_notes: notes,
      slavery_indicators: JSON.stringify(list(body.slaveryIndicators, SLAVERY_INDICATORS)),
      slavery_notes: str(body.slaveryNotes, 2000),
    });
    if (concern === null)
      return { welfareConcern: 'Select yes if you have a concern for the person’s welfare' };
    if (concern === 1 && !notes) return { welfareNotes: 'Describe the welfare concern' };
    return {};
  }

  /** The fields a contact cannot be submitted without, each with its message and the page to fix it. */
  missing(c: OutreachContactsTable): Errors {
    const e: Errors = {};
    if (!c.place_name && c.lat === null)
      e.landmark =
        'Enter where the contact took place: choose the nearest landmark, or use your current location';
    if (!c.occurred_on) e.occurredOn = 'Enter the date of the contact';
    if (!c.occurred_time || !c.occurred_at) e.occurredTime = 'Enter the time of the contact';
    if (!c.given_name && !c.surname && !c.known_as && !c.appearance)
      e.givenName = 'Enter the person’s name or the name they go by, or describe them';
    if (c.welfare_concern === null)
      e.welfareConcern = 'Select yes if you have a concern for the person’s welfare';
    return e;
  }

  /** Submits the draft: the person record (linked to the known person chosen, or by the engine), then the contact. */
  async submit(
    user: CurrentUser,
    id: string,
    meta: Meta = {},
  ): Promise<{ errors: Errors; personId?: string }> {
    const c = await this.draft(user, id);
    const errors = this.missing(c);
    if (Object.keys(errors).length) return { errors };
    const personId = await this.deps.db.transaction().execute(async (trx) => {
      const rec = await this.people.addRecord(trx, {
        partnershipId: user.partnershipId,
        sourceType: 'outreach',
        sourceId: id,
        role: 'street-contact',
        teamId: c.team_id,
        givenName:
          c.given_name ?? c.known_as ?? (c.surname ? null : `Unknown (${(c.appearance ?? '').slice(0, 40)})`),
        surname: c.surname,
        knownPersonId: c.person_choice === 'known' ? c.person_id : null,
      });
      const now = this.deps.clock.iso();
      await this.repo.updateContact(
        id,
        {
          status: 'submitted',
          person_id: rec.personId,
          person_record_id: rec.recordId,
          submitted_at: now,
          updated_at: now,
        },
        trx,
      );
      await this.audit.record(
        {
          partnershipId: user.partnershipId,
          userId: user.id,
          userLabel: user.email,
          action: 'operations.contact-recorded',
          subjectType: 'person',
          subjectId: rec.personId,
          details: { contactId: id, linked: c.person_choice === 'known' ? 'chosen' : 'engine' },
          ip: meta.ip ?? null,
          requestId: meta.requestId ?? null,
        },
        trx,
      );
      return rec.personId;
    });
    return { errors: {}, personId };
  }

  /** Whether the user may read welfare and modern slavery text of this contact. */
  maySeeSensitive(user: CurrentUser, c: Pick<OutreachContactsTable, 'recorded_by'>): boolean {
    return can(user.role, 'safeguarding.read') || c.recorded_by === user.id;
  }

  /** Strips welfare and modern slavery text for a viewer who may not see it. */
  redact<T extends Partial<OutreachContactsTable> & Pick<OutreachContactsTable, 'recorded_by'>>(
    user: CurrentUser,
    c: T,
  ) {
    if (this.maySeeSensitive(user, c)) return { ...c, sensitiveWithheld: false };
    return {
      ...c,
      welfare_notes: null,
      slavery_notes: null,
      slavery_indicators: '[]',
      sensitiveWithheld: true,
    };
  }

  /** A submitted contact (audited; sensitive text withheld from those who may not see it, and the refusal audited). */
  async view(user: CurrentUser, id: string, meta: Meta = {}) {
    const c = await this.repo.contact(user.partnershipId, id);
    if (!c || c.status !== 'submitted') throw notFound('Contact');
    const shown = this.redact(user, c);
    await this.record(
      user,
      'operations.contact-viewed',
      { type: 'person', id: c.person_id ?? id },
      { contactId: id },
      meta,
    );
    if (shown.sensitiveWithheld && (c.welfare_notes || c.slavery_notes || c.slavery_indicators !== '[]'))
      await this.record(
        user,
        'operations.safeguarding-withheld',
        { type: 'person', id: c.person_id ?? id },
        { contactId: id },
        meta,
      );
    const names = await this.people.names(user.partnershipId, c.person_id ? [c.person_id] : []);
    return { contact: shown, personName: c.person_id ? (names.get(c.person_id) ?? 'Unnamed person') : null };
  }

  /** Recent contacts and the worker's drafts: no welfare or modern slavery text (audited). */
  async list(user: CurrentUser, meta: Meta = {}) {
    const [recent, drafts] = await Promise.all([
      this.repo.recentContacts(user.partnershipId),
      this.repo.drafts(user.partnershipId, user.id),
    ]);
    const names = await this.people.names(
      user.partnershipId,
      recent.map((r) => r.person_id ?? ''),
    );
    await this.record(
      user,
      'operations.contacts-listed',
      { type: 'contact-list', id: user.partnershipId },
      { count: recent.length },
      meta,
    );
    return {
      recent: recent.map((r) => ({ ...r, personName: names.get(r.person_id ?? '') ?? 'Unnamed person' })),
      drafts,
    };
  }

  parse = json;
}
