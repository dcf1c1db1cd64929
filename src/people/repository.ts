import type { Executor } from '../platform/audit/service.js';
import { newId } from '../platform/db/ids.js';

const RECORD_COLUMNS = [
  'id',
  'person_id',
  'given_name',
  'surname',
  'dob',
  'phone',
  'email',
  'address',
  'postcode',
  'uprn',
] as const;

/** SQL of the linkage, review and repeat-flag features. */
export class PeopleRepository {
  constructor(private readonly db: Executor) {}

  linkableRecords(partnershipId: string) {
    return this.db
      .selectFrom('person_records')
      .select(RECORD_COLUMNS)
      .where('partnership_id', '=', partnershipId)
      .orderBy('id')
      .execute();
  }

  /** Of these ids, the persons that exist (not merged away); restricted persons are left out unless asked for. */
  async existingPersons(
    partnershipId: string,
    ids: string[],
    includeRestricted = false,
  ): Promise<Set<string>> {
    if (!ids.length) return new Set();
    let q = this.db
      .selectFrom('persons')
      .select('id')
      .where('partnership_id', '=', partnershipId)
      .where('id', 'in', ids)
      .where('merged_into', 'is', null);
    if (!includeRestricted) q = q.where('restricted_at', 'is', null);
    const rows = await q.execute();
    return new Set(rows.map((r) => r.id));
  }

  async insertPossible(
    partnershipId: string,
    m: { a: string; b: string; weight: number; probability: number; explanation: unknown },
    now: string,
  ): Promise<void> {
    await this.db
      .insertInto('possible_matches')
      .values({
        id: newId(),
        partnership_id: partnershipId,
        record_a_id: m.a,
        record_b_id: m.b,
        match_weight: m.weight,
        probability: m.probability,
        explanation: JSON.stringify(m.explanation),
        status: 'pending',
        decided_by: null,
        decided_at: null,
        created_at: now,
      })
      .execute();
  }

  /** Pending pairs with the person each record belongs to now (no explanations: they are loaded per page). */
  pendingPairs(partnershipId: string) {
    return this.db
      .selectFrom('possible_matches as m')
      .innerJoin('person_records as a', 'a.id', 'm.record_a_id')
      .innerJoin('person_records as b', 'b.id', 'm.record_b_id')
      .select([
        'm.id',
        'm.record_a_id',
        'm.record_b_id',
        'm.probability',
        'm.match_weight',
        'a.person_id as person_a',
        'b.person_id as person_b',
      ])
      .where('m.partnership_id', '=', partnershipId)
      .where('m.status', '=', 'pending')
      .orderBy('m.probability', 'desc')
      .orderBy('m.id')
      .execute();
  }

  /** Pending pairs whose records belong to these two persons, either way round. */
  async pendingBetween(partnershipId: string, personA: string, personB: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('possible_matches as m')
      .innerJoin('person_records as a', 'a.id', 'm.record_a_id')
      .innerJoin('person_records as b', 'b.id', 'm.record_b_id')
      .select('m.id')
      .where('m.partnership_id', '=', partnershipId)
      .where('m.status', '=', 'pending')
      .where((eb) =>
        eb.or([
          eb.and([eb('a.person_id', '=', personA), eb('b.person_id', '=', personB)]),
          eb.and([eb('a.person_id', '=', personB), eb('b.person_id', '=', personA)]),
        ]),
      )
      .execute();
    return rows.map((r) => r.id);
  }

  explanations(partnershipId: string, ids: string[]) {
    if (!ids.length) return Promise.resolve([]);
    return this.db
      .selectFrom('possible_matches')
      .select(['id', 'explanation'])
      .where('partnership_id', '=', partnershipId)
      .where('id', 'in', ids)
      .execute();
  }

  match(partnershipId: string, id: string) {
    return this.db
      .selectFrom('possible_matches')
      .selectAll()
      .where('partnership_id', '=', partnershipId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  decisions(partnershipId: string) {
    return this.db
      .selectFrom('possible_matches')
      .select(['record_a_id', 'record_b_id', 'status'])
      .where('partnership_id', '=', partnershipId)
      .where('status', 'in', ['confirmed', 'rejected'])
      .execute();
  }

  recordsById(partnershipId: string, ids: string[]) {
    if (!ids.length) return Promise.resolve([]);
    return this.db
      .selectFrom('person_records')
      .selectAll()
      .where('partnership_id', '=', partnershipId)
      .where('id', 'in', ids)
      .execute();
  }

  async decide(ids: string[], status: 'confirmed' | 'rejected', userId: string, now: string): Promise<void> {
    if (!ids.length) return;
    await this.db
      .updateTable('possible_matches')
      .set({ status, decided_by: userId, decided_at: now })
      .where('id', 'in', ids)
      .execute();
  }

  recordsOfPerson(partnershipId: string, personId: string) {
    return this.db
      .selectFrom('person_records')
      .select(['id', 'person_id'])
      .where('partnership_id', '=', partnershipId)
      .where('person_id', '=', personId)
      .execute();
  }

  async setPerson(recordId: string, personId: string, band: string): Promise<void> {
    await this.db
      .updateTable('person_records')
      .set({ person_id: personId, link_band: band })
      .where('id', '=', recordId)
      .execute();
  }

  async deletePending(partnershipId: string): Promise<void> {
    await this.db
      .deleteFrom('possible_matches')
      .where('partnership_id', '=', partnershipId)
      .where('status', '=', 'pending')
      .execute();
  }

  person(partnershipId: string, id: string) {
    return this.db
      .selectFrom('persons')
      .selectAll()
      .where('partnership_id', '=', partnershipId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  personsByIds(partnershipId: string, ids: string[]) {
    if (!ids.length) return Promise.resolve([]);
    return this.db
      .selectFrom('persons')
      .selectAll()
      .where('partnership_id', '=', partnershipId)
      .where('id', 'in', ids)
      .execute();
  }

  /** Records created since a time, for repeat flags. */
  recordsSince(partnershipId: string, since: string, personId?: string | readonly string[]) {
    let q = this.db
      .selectFrom('person_records')
      .select(['id', 'person_id', 'role', 'source_type', 'source_id', 'created_at'])
      .where('partnership_id', '=', partnershipId)
      .where('created_at', '>=', since);
    if (typeof personId === 'string') q = q.where('person_id', '=', personId);
    else if (personId) {
      if (!personId.length) return Promise.resolve([]);
      q = q.where('person_id', 'in', [...personId]);
    }
    return q.execute();
  }

  /** Which reports each case was opened from or linked to. */
  caseReports(partnershipId: string, caseIds: string[]) {
    if (!caseIds.length) return Promise.resolve([]);
    return this.db
      .selectFrom('case_reports')
      .select(['case_id', 'report_id'])
      .where('partnership_id', '=', partnershipId)
      .where('case_id', 'in', caseIds)
      .execute();
  }

  reportPlaces(partnershipId: string, reportIds: string[]) {
    if (!reportIds.length) return Promise.resolve([]);
    return this.db
      .selectFrom('reports')
      .select(['id', 'postcode', 'location_text', 'lat', 'lng', 'created_at'])
      .where('partnership_id', '=', partnershipId)
      .where('id', 'in', reportIds)
      .execute();
  }

  /** Renames persons whose every record has been anonymised (retention): nothing names them any more. */
  async anonymiseEmptyPersons(partnershipId: string, now: string): Promise<number> {
    const r = await this.db
      .updateTable('persons')
      .set({ display_name: ANONYMISED_PERSON, updated_at: now })
      .where('partnership_id', '=', partnershipId)
      .where('display_name', '!=', ANONYMISED_PERSON)
      .where('merged_into', 'is', null)
      .where(({ exists, not, selectFrom }) =>
        not(
          exists(
            selectFrom('person_records as r')
              .select('r.id')
              .whereRef('r.person_id', '=', 'persons.id')
              .where((eb) =>
                eb.or([
                  eb('r.given_name', 'is not', null),
                  eb('r.surname', 'is not', null),
                  eb('r.phone', 'is not', null),
                  eb('r.email', 'is not', null),
                  eb('r.address', 'is not', null),
                ]),
              ),
          ),
        ),
      )
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  async setRestriction(
    partnershipId: string,
    personId: string,
    r: { at: string | null; by: string | null; reason: string | null; now: string },
  ): Promise<void> {
    await this.db
      .updateTable('persons')
      .set({ restricted_at: r.at, restricted_by: r.by, restriction_reason: r.reason, updated_at: r.now })
      .where('partnership_id', '=', partnershipId)
      .where('id', '=', personId)
      .execute();
  }

  /** Ids of restricted persons among these (all restricted persons when no ids are given). */
  async restricted(partnershipId: string, ids?: readonly string[]): Promise<Set<string>> {
    if (ids && !ids.length) return new Set();
    let q = this.db
      .selectFrom('persons')
      .select('id')
      .where('partnership_id', '=', partnershipId)
      .where('restricted_at', 'is not', null);
    if (ids) q = q.where('id', 'in', ids);
    return new Set((await q.execute()).map((r) => r.id));
  }

  record(partnershipId: string, recordId: string) {
    return this.db
      .selectFrom('person_records')
      .selectAll()
      .where('partnership_id', '=', partnershipId)
      .where('id', '=', recordId)
      .executeTakeFirst();
  }

  async correctRecord(recordId: string, values: Record<string, string | null>): Promise<void> {
    await this.db.updateTable('person_records').set(values).where('id', '=', recordId).execute();
  }

  async insertCorrection(row: import('./tables.js').PersonCorrectionsTable): Promise<void> {
    await this.db.insertInto('person_corrections').values(row).execute();
  }

  corrections(partnershipId: string, personId: string) {
    return this.db
      .selectFrom('person_corrections as c')
      .leftJoin('users as u', 'u.id', 'c.corrected_by')
      .select([
        'c.id',
        'c.record_id',
        'c.field',
        'c.old_value',
        'c.new_value',
        'c.reason',
        'c.corrected_at',
        'u.name as corrected_by_name',
      ])
      .where('c.partnership_id', '=', partnershipId)
      .where('c.person_id', '=', personId)
      .orderBy('c.corrected_at', 'desc')
      .execute();
  }

  async renamePerson(partnershipId: string, personId: string, name: string, now: string): Promise<void> {
    await this.db
      .updateTable('persons')
      .set({ display_name: name, updated_at: now })
      .where('partnership_id', '=', partnershipId)
      .where('id', '=', personId)
      .execute();
  }

  /** The two persons a possible match is between. */
  async matchPersons(partnershipId: string, matchId: string): Promise<string[]> {
    const m = await this.match(partnershipId, matchId);
    if (!m) return [];
    return (await this.recordsById(partnershipId, [m.record_a_id, m.record_b_id])).map((r) => r.person_id);
  }

  /** Teams (with their agency and mailbox) that recorded these persons: who to ask about them. */
  holdingTeams(partnershipId: string, personIds: readonly string[]) {
    if (!personIds.length) return Promise.resolve([]);
    return this.db
      .selectFrom('person_records as r')
      .innerJoin('teams as t', 't.id', 'r.team_id')
      .select(['r.person_id', 't.id as team_id', 't.agency_id', 't.name', 't.email'])
      .distinct()
      .where('r.partnership_id', '=', partnershipId)
      .where('r.person_id', 'in', personIds)
      .execute();
  }

  async wholePartnershipRoles(partnershipId: string): Promise<string[] | null> {
    const row = await this.db
      .selectFrom('people_settings')
      .select('whole_partnership_roles')
      .where('partnership_id', '=', partnershipId)
      .executeTakeFirst();
    return row?.whole_partnership_roles ? (JSON.parse(row.whole_partnership_roles) as string[]) : null;
  }
}

export const ANONYMISED_PERSON = 'Anonymised person';
