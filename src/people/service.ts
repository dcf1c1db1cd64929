import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { AppDeps } from '../platform/module.js';
import type { Executor } from '../platform/audit/service.js';
import { newId } from '../platform/db/ids.js';
import type { PersonRecordsTable } from './tables.js';
import './tables.js';
import { PeopleRepository } from './repository.js';
import { buildState, cachedState, setState, toEngineRecord, type LinkState } from './linkage-state.js';
import type { PersonCandidate } from './linkage/types.js';
import { computeFlags } from './flags.js';
import { type RepeatFlag, type RepeatSettings } from './repeats.js';
import { PeopleSettingsService } from './settings.js';

export type PersonRole =
  'victim' | 'complainant' | 'witness' | 'perpetrator' | 'reporter' | 'representative' | 'street-contact';

export interface PersonRecordInput {
  partnershipId: string;
  sourceType: 'report' | 'call' | 'case' | 'case-review' | 'import' | 'outreach';
  sourceId: string | null;
  role: PersonRole;
  teamId?: string | null;
  givenName?: string | null;
  surname?: string | null;
  dob?: string | null;
  phone?: string | null;
  email?: string | null;
  address?: string | null;
  postcode?: string | null;
  uprn?: string | null;
  /** A person staff have said this record is (chosen from suggestions): linked without matching. */
  knownPersonId?: string | null;
}

// Parsing a number with full metadata is the costliest step of saving a report; callers repeat numbers.
const e164Cache = new Map<string, string | null>();

export function toE164(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const hit = e164Cache.get(phone);
  if (hit !== undefined) return hit;
  const p = parsePhoneNumberFromString(phone, 'GB');
  const e164 = p?.isValid() ? p.number : null;
  if (e164Cache.size >= 10_000) e164Cache.clear();
  e164Cache.set(phone, e164);
  return e164;
}

export const normalisePostcode = (pc: string | null | undefined) =>
  pc ? pc.replace(/\s+/g, '').toUpperCase() : null;

const clean = (v: string | null | undefined) => (v && v.trim() ? v.trim() : null);

/**
 * Person records from every source, each resolved to a person by the probabilistic linkage engine
 * (a model trained on the partnership's records). Pairs in the possible band go to the review queue.
 * With too few records to train, an exact phone number, email, or name with date of birth links.
 */
export class PeopleService {
  readonly settings: PeopleSettingsService;
  constructor(private readonly deps: AppDeps) {
    this.settings = new PeopleSettingsService(deps);
  }

  async addRecord(db: Executor, input: PersonRecordInput): Promise<{ recordId: string; personId: string }> {
    const rec = {
      given_name: clean(input.givenName),
      surname: clean(input.surname),
      dob: clean(input.dob),
      phone: clean(input.phone),
      phone_e164: toE164(input.phone),
      email: clean(input.email)?.toLowerCase() ?? null,
      address: clean(input.address),
      postcode: normalisePostcode(clean(input.postcode)),
      uprn: clean(input.uprn),
    };
    const recordId = newId();
    const now = this.deps.clock.iso();
    const repo = new PeopleRepository(db);
    const state = await this.linkState(input.partnershipId, db);
    let personId: string | null = null;
    let band = 'none';
    let weight: number | null = null;
    const possible: PersonCandidate[] = [];
    const known = input.knownPersonId
      ? await this.resolve(input.partnershipId, input.knownPersonId, db)
      : null;
    if (known) {
      personId = known;
      band = 'staff';
    } else if (state) {
      const candidates = state.index.match(toEngineRecord({ id: recordId, ...rec }));
      // The in-memory index may hold records of a rolled-back transaction: keep persons that exist.
      const exist = await repo.existingPersons(
        input.partnershipId,
        candidates.map((c) => c.personId),
      );
      const live = candidates.filter((c) => exist.has(c.personId));
      const best = live[0];
      if (best?.band === 'link') {
        personId = best.personId;
        band = 'link';
        weight = best.matchWeight;
      } else {
        possible.push(...live.filter((c) => c.band === 'possible').slice(0, 5));
        if (possible.length) {
          band = 'possible';
          weight = possible[0].matchWeight;
        }
      }
    } else {
      personId = await this.exactMatch(db, input.partnershipId, rec);
      if (personId) band = 'link';
    }
    if (!personId) {
      personId = newId();
      const name =
        [rec.given_name, rec.surname].filter(Boolean).join(' ') || rec.email || rec.phone || 'Unnamed person';
      await db
        .insertInto('persons')
        .values({
          id: personId,
          partnership_id: input.partnershipId,
          display_name: name,
          created_at: now,
          updated_at: now,
        })
        .execute();
    }
    await db
      .insertInto('person_records')
      .values({
        id: recordId,
        partnership_id: input.partnershipId,
        person_id: personId,
        source_type: input.sourceType,
        source_id: input.sourceId,
        role: input.role,
        team_id: input.teamId ?? null,
        ...rec,
        link_band: band,
        link_weight: weight,
        created_at: now,
      })
      .execute();
    for (const c of possible) {
      await repo.insertPossible(
        input.partnershipId,
        {
          a: recordId,
          b: c.explanation.b,
          weight: c.matchWeight,
          probability: c.probability,
          explanation: c.explanation,
        },
        now,
      );
    }
    state?.index.add(toEngineRecord({ id: recordId, ...rec }), personId);
    return { recordId, personId };
  }

  /** The partnership's model and index: cached, or trained now when there are enough records. */
  private async linkState(partnershipId: string, db: Executor): Promise<LinkState | undefined> {
    const cached = cachedState(this.deps.db, partnershipId);
    if (cached) return cached;
    const rows = await new PeopleRepository(db).linkableRecords(partnershipId);
    const state = buildState(rows);
    if (state) setState(this.deps.db, partnershipId, state);
    return state;
  }

  private async exactMatch(
    db: Executor,
    partnershipId: string,
    rec: Pick<PersonRecordsTable, 'phone_e164' | 'email' | 'given_name' | 'surname' | 'dob'>,
  ): Promise<string | null> {
    const base = db
      .selectFrom('person_records')
      .select('person_id')
      .where('partnership_id', '=', partnershipId)
      .limit(1);
    if (rec.phone_e164) {
      const r = await base.where('phone_e164', '=', rec.phone_e164).executeTakeFirst();
      if (r) return r.person_id;
    }
    if (rec.email) {
      const r = await base.where('email', '=', rec.email).executeTakeFirst();
      if (r) return r.person_id;
    }
    if (rec.given_name && rec.surname && rec.dob) {
      const r = await base
        .where('given_name', '=', rec.given_name)
        .where('surname', '=', rec.surname)
        .where('dob', '=', rec.dob)
        .executeTakeFirst();
      if (r) return r.person_id;
    }
    return null;
  }

  /** Repeat flags of one person, with the partnership's thresholds (3 or more reports in 90 days by default). */
  async flagsFor(partnershipId: string, personId: string, settings?: RepeatSettings): Promise<RepeatFlag[]> {
    const s = settings ?? (await this.settings.thresholds(partnershipId));
    const [f] = await computeFlags(this.deps.db, partnershipId, this.deps.clock.now(), s, personId);
    return f?.flags ?? [];
  }

  /** Repeat flags of several persons at once (persons without flags are left out). */
  async flagsForMany(
    partnershipId: string,
    personIds: readonly string[],
    settings?: RepeatSettings,
  ): Promise<Map<string, RepeatFlag[]>> {
    const ids = [...new Set(personIds.filter(Boolean))];
    if (!ids.length) return new Map();
    const s = settings ?? (await this.settings.thresholds(partnershipId));
    return new Map(
      (await computeFlags(this.deps.db, partnershipId, this.deps.clock.now(), s, ids)).map((f) => [
        f.personId,
        f.flags,
      ]),
    );
  }

  /** Every flagged person with their flags and name (optionally one flag only), most flags first. */
  async repeats(partnershipId: string, opts: { settings?: RepeatSettings; flag?: RepeatFlag } = {}) {
    const s = opts.settings ?? (await this.settings.thresholds(partnershipId));
    // Restricted persons (UK GDPR Art. 18) are left out of lists and meeting packs.
    const restricted = await new PeopleRepository(this.deps.db).restricted(partnershipId);
    const flagged = (await computeFlags(this.deps.db, partnershipId, this.deps.clock.now(), s)).filter(
      (f) => (!opts.flag || f.flags.includes(opts.flag)) && !restricted.has(f.personId),
    );
    const names = new Map(
      (
        await new PeopleRepository(this.deps.db).personsByIds(
          partnershipId,
          flagged.map((f) => f.personId),
        )
      ).map((p) => [p.id, p.display_name]),
    );
    return flagged
      .map((f) => ({ ...f, name: names.get(f.personId) ?? 'Unnamed person' }))
      .sort(
        (a, b) => b.flags.length - a.flags.length || b.sources - a.sources || a.name.localeCompare(b.name),
      );
  }

  async repeatVictims(partnershipId: string) {
    return this.repeats(partnershipId, { flag: 'repeat-victim' });
  }

  async repeatPerpetrators(partnershipId: string) {
    return this.repeats(partnershipId, { flag: 'repeat-perpetrator' });
  }

  /** The person now holding a person id's records: itself, or the person it was merged into. */
  async resolve(
    partnershipId: string,
    personId: string,
    db: Executor = this.deps.db,
  ): Promise<string | null> {
    const repo = new PeopleRepository(db);
    let id = personId;
    for (let i = 0; i < 10; i++) {
      const p = await repo.person(partnershipId, id);
      if (!p) return null;
      if (!p.merged_into) return p.id;
      id = p.merged_into;
    }
    return id;
  }

  /**
   * Persons who may be the caller a call handler is typing: scored by the linkage model when the
   * partnership has one (so "Bill Smith" finds William Smith), best first, then exact matches on phone,
   * email or surname. Each comes with how it matched.
   */
  async findPeople(
    partnershipId: string,
    q: {
      givenName?: string;
      surname?: string;
      phone?: string;
      email?: string;
      postcode?: string;
      address?: string;
    },
    limit = 5,
    opts: { includeRestricted?: boolean } = {},
  ): Promise<{ personId: string; name: string; probability: number | null; band: string }[]> {
    const typed = {
      given_name: clean(q.givenName),
      surname: clean(q.surname),
      dob: null,
      phone: clean(q.phone),
      email: clean(q.email)?.toLowerCase() ?? null,
      address: clean(q.address),
      postcode: normalisePostcode(clean(q.postcode)),
      uprn: null,
    };
    const repo = new PeopleRepository(this.deps.db);
    const found = new Map<string, { personId: string; probability: number | null; band: string }>();
    const enough = [typed.phone, typed.email, typed.surname].some(Boolean);
    const state = enough ? await this.linkState(partnershipId, this.deps.db) : undefined;
    if (state) {
      const candidates = state.index.match(toEngineRecord({ id: 'intake-query', ...typed }), {
        limit: limit * 2,
      });
      const exist = await repo.existingPersons(
        partnershipId,
        candidates.map((c) => c.personId),
        opts.includeRestricted,
      );
      for (const c of candidates)
        if (exist.has(c.personId))
          found.set(c.personId, { personId: c.personId, probability: c.probability, band: c.band });
    }
    if (found.size < limit) {
      for (const r of await this.search(
        partnershipId,
        { phone: q.phone, email: q.email, surname: q.surname },
        opts,
      )) {
        if (!found.has(r.person_id))
          found.set(r.person_id, { personId: r.person_id, probability: null, band: 'exact' });
      }
    }
    const list = [...found.values()].slice(0, limit);
    const resolved = await Promise.all(
      list.map(async (x) => ({
        ...x,
        personId: (await this.resolve(partnershipId, x.personId)) ?? x.personId,
      })),
    );
    const unique = [...new Map(resolved.map((x) => [x.personId, x])).values()];
    const names = new Map(
      (
        await repo.personsByIds(
          partnershipId,
          unique.map((x) => x.personId),
        )
      ).map((p) => [p.id, p.display_name]),
    );
    return unique.map((x) => ({ ...x, name: names.get(x.personId) ?? 'Unnamed person' }));
  }

  /** Display names of persons by id (persons not found are left out). */
  async names(partnershipId: string, personIds: readonly string[]): Promise<Map<string, string>> {
    const ids = [...new Set(personIds.filter(Boolean))];
    if (!ids.length) return new Map();
    const rows = await new PeopleRepository(this.deps.db).personsByIds(partnershipId, ids);
    return new Map(rows.map((p) => [p.id, p.display_name]));
  }

  /** Every record of a person, newest first. */
  history(partnershipId: string, personId: string) {
    return this.deps.db
      .selectFrom('person_records')
      .selectAll()
      .where('partnership_id', '=', partnershipId)
      .where('person_id', '=', personId)
      .orderBy('created_at', 'desc')
      .execute();
  }

  /** Records whose phone, email or surname (with postcode if given) equal what the call handler has typed. */
  async search(
    partnershipId: string,
    q: { phone?: string; email?: string; surname?: string; postcode?: string },
    opts: { includeRestricted?: boolean } = {},
  ) {
    let query = this.deps.db
      .selectFrom('person_records')
      .selectAll()
      .where('partnership_id', '=', partnershipId);
    // Restricted persons (UK GDPR Art. 18) are not matched.
    if (!opts.includeRestricted)
      query = query.where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('persons as p')
              .select('p.id')
              .whereRef('p.id', '=', 'person_records.person_id')
              .where('p.restricted_at', 'is not', null),
          ),
        ),
      );
    const e164 = toE164(q.phone);
    const ors: [string, string][] = [];
    if (e164) ors.push(['phone_e164', e164]);
    if (q.email?.trim()) ors.push(['email', q.email.trim().toLowerCase()]);
    if (!ors.length && !q.surname?.trim() && !q.postcode?.trim()) return [];
    if (ors.length) query = query.where((eb) => eb.or(ors.map(([c, v]) => eb(c as 'email', '=', v))));
    if (q.surname?.trim()) query = query.where('surname', '=', q.surname.trim());
    if (q.postcode?.trim()) query = query.where('postcode', '=', normalisePostcode(q.postcode)!);
    return query.orderBy('created_at', 'desc').limit(50).execute();
  }
}
